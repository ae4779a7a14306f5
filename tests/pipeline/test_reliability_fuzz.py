"""Hypothesis feeds the readers and the text-for-the-ear stage generated text: the only exception allowed to
escape is the project's own InputError (which the CLI prints as one line); and for generated issues in the
newsletter's layout, every word of the source is spoken or listed as skipped, and nothing spoken is markup or
a URL."""
from __future__ import annotations

import warnings

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import datetime as dt
import re
import unicodedata

from podcast.config import EpisodeMeta, load_show
from podcast.errors import InputError
from podcast.links import vet_link
from podcast.reading import read_text
from podcast.reading.markdown import render_html
from podcast.scripting import write_script
from podcast.scripting.ear import PUNCTUATION, for_the_ear

from tests.support.corpus import as_announced, words
from tests.support.show import REPO, an99_excerpt

EXCERPT = an99_excerpt()
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
PIECES = st.sampled_from([
    "HIGHLIGHTS", "NEWS", "TECHNICAL AI ALIGNMENT", "**", "# ", "## ", "[a](http://x.org)", "(summarized by Rohin)",
    "Rohin's opinion:", " (Jane Doe et al) ", "Title", ": ", "\n", "\n\n", "<p>", "</p>", "<a href='x'>", "</a>",
    "<script>alert(1)</script>", "<style>p{}</style>", "<!--", "-->", "&amp;", "&#0;", "&#x110000;", "$", "%", "1e99",
    "3.5", "10^9", "~", "e.g.", "i.e.", "vs.", "AN #99", "2020-05-13", "§", "🤖", "\u200b", "\ufeff", "\r", "\t", "*",
    "- ", "1. ", "> ", "|a|b|", "```", "    code", "http://", "(", ")", "[", "]",
])
TEXT = st.one_of(st.text(max_size=400), st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=60).map("".join))


def mutate(text: str, cuts: list[tuple[int, str]]) -> str:
    for position, insert in cuts:
        i = position % (len(text) + 1)
        text = text[:i] + insert + text[i + len(insert):]
    return text


MUTATED = st.lists(st.tuples(st.integers(0, 10**6), st.one_of(PIECES, st.text(max_size=10))), max_size=8) \
    .map(lambda cuts: mutate(EXCERPT, cuts))


def read_quietly(text: str, fmt: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return read_text(text, fmt)
        except InputError:
            return None


@FUZZ
@given(st.one_of(TEXT, MUTATED), st.sampled_from([".txt", ".md", ".html"]))
def test_readers_raise_only_input_errors(text, fmt):
    """Whatever the text, a reader gives an InputError or an issue whose items have a title and only links
    the site may publish; what it leaves out carries its reason."""
    issue = read_quietly(text, fmt)
    if issue is None:
        return
    for item in issue.items:
        assert item.title.strip(), item
        assert item.url is None or vet_link(item.url) == (item.url, None), item.url
    assert all(s.reason for s in issue.skipped)


@FUZZ
@given(st.one_of(TEXT, MUTATED))
def test_for_the_ear_raises_only_input_errors(text):
    try:
        spoken = for_the_ear(text)
    except InputError:
        return
    assert not re.search(r"\d", spoken), spoken
    assert all(unicodedata.category(c)[0] in "LM" or c == " " or c in PUNCTUATION for c in spoken), spoken


VOCABULARY = ("agent reward model learning policy robust training human value goal safety paper shows method result "
              "data world future system problem research approach").split()
"""Plain words, none of them an abbreviation the ear expands (so a word is found or missed as it is)."""
WORD = st.sampled_from(VOCABULARY)
PARAGRAPH = st.lists(st.lists(WORD, min_size=3, max_size=12).map(lambda ws: " ".join(ws).capitalize() + "."),
                     min_size=1, max_size=4).map(" ".join)
PERSON = st.sampled_from(["Rohin", "Flo", "Asya", "Nicholas", "Zach"])


@st.composite
def markdown_item(draw) -> str:
    """An item as the newsletter writes it: linked title, authors, summarizer, paragraphs, opinions."""
    title = " ".join(draw(st.lists(WORD, min_size=2, max_size=6))).title()
    authors = draw(st.sampled_from(["Jane Doe", "Ann Lee et al", "Bo Chen, Di Wu"]))
    parts = [f"**[{title}](https://example.org/{draw(WORD)})** *({authors})* (summarized by {draw(PERSON)}): "
             + draw(PARAGRAPH)]
    parts += draw(st.lists(PARAGRAPH, max_size=2))
    parts += [f"**{name}'s opinion:** {text}" for name, text in draw(st.lists(st.tuples(PERSON, PARAGRAPH), max_size=2))]
    return "\n\n".join(parts)


@st.composite
def markdown_issue(draw) -> str:
    parts = ["HIGHLIGHTS\n==========", draw(markdown_item())]
    sections = ["TECHNICAL AI ALIGNMENT", "LEARNING HUMAN INTENT", "NEWS"]
    for heading in draw(st.lists(st.sampled_from(sections), max_size=2, unique=True)):
        parts += [f"{heading}\n{'-' * len(heading)}", *draw(st.lists(markdown_item(), min_size=1, max_size=3))]
    return "\n\n".join(parts)


SHOW = load_show(REPO / "podcast.toml")
META = EpisodeMeta(number=7, title="AN #7: generated", date=dt.date(2020, 5, 13), link=None, description=None)
MARKUP = re.compile(r"https?:|www\.|[<>\[\]*]|\]\(")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(markdown_issue(), st.sampled_from([".md", ".html"]))
def test_every_word_of_a_generated_issue_is_spoken_or_skipped_and_no_markup_is_spoken(source, fmt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        issue = read_text(source if fmt == ".md" else render_html(source), fmt)
    script = write_script(issue, META, SHOW)
    spoken = " ".join(s.text for s in script.segments)
    said = words(spoken + " " + " ".join(for_the_ear(s.text) for s in script.skipped))
    visible = BeautifulSoup(render_html(source), "html.parser").get_text(" ")  # as a reader of the page sees it
    assert words(for_the_ear(as_announced(visible))) - said == {}
    assert not MARKUP.search(spoken), spoken
