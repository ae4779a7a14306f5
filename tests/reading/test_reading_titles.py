"""Flattened issues whose items are announced a little differently than the corpus's own, made from corpus issues:
an attribution written "Summarized by" or with no colon, a question title right after another item's "Read more:"
line, a question mark inside a title. Each item keeps its own title, chapter and links, and every word is spoken
or skipped."""
import warnings

import pytest

from podcast.config import load_show
from podcast.reading.plaintext import read_plaintext
from podcast.scripting import write_script

from tests.support.corpus import meta_for
from tests.support.show import AN99, CORPUS, REPO
from tests.reading.test_reading_plaintext import TITLES

FLAT = CORPUS / "flat"


def read(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_plaintext(text)


@pytest.mark.parametrize("attribution", ["(Summarized by Flo):", "(summarized by Flo)", "(summarised by Flo):"])
def test_an_attribution_in_another_case_or_without_its_colon_still_opens_an_item(attribution):
    text = AN99.read_text(encoding="utf-8").replace("(summarized by Flo):", attribution, 1)
    issue = read(text)
    assert [item.title for item in issue.items] == TITLES
    assert issue.items[0].summarizers == ("Flo",) and issue.items[0].paragraphs[0].startswith("Given the exponential")
    script = write_script(issue, meta_for(CORPUS / "an-099.txt"), load_show(REPO / "podcast.toml"))
    summary = next(s for s in script.segments if s.chapter == "AI and Efficiency" and s.kind == "highlight")
    assert "Summary by Flo." in summary.text and "ummari" not in summary.text


@pytest.mark.parametrize("title", ["Does Adaptive Online Planning Help Continual Lifelong Learning?",
                                   "Why Adaptive Online Planning for Continual Lifelong Learning?",
                                   "Adaptive Online Planning: Continual Lifelong Learning"])
def test_a_question_or_colon_title_after_a_read_more_line_keeps_its_words_and_the_link_its_own(title):
    text = (FLAT / "an-079.txt").read_text(encoding="utf-8")
    issue = read(text.replace("Adaptive Online Planning for Continual Lifelong Learning", title))
    titles = [item.title for item in issue.items]
    assert title in titles and len(titles) == len(read(text).items)
    procgen = issue.items[titles.index(title) - 1]
    assert procgen.read_more[-1].endswith("Benchmark Reinforcement Learning")


def test_a_question_mark_followed_by_a_lower_case_word_ends_no_title():
    old = "The two-layer model of human values, and problems with synthesizing preferences"
    new = "The two-layer model of human values? and problems with synthesizing preferences"
    issue = read((FLAT / "an-089.txt").read_text(encoding="utf-8").replace(old, new))
    assert new in [item.title for item in issue.items]
