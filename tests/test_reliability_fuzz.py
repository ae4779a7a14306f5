"""Hypothesis feeds the readers and the text-for-the-ear stage generated text: the only exception allowed to
escape is the project's own InputError (which the CLI prints as one line)."""
from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podcast.errors import InputError
from podcast.reading import read_text
from podcast.scripting.ear import for_the_ear

from .conftest import an99_excerpt

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
    issue = read_quietly(text, fmt)
    assert issue is None or all(isinstance(item.title, str) and item.title for item in issue.items)


@FUZZ
@given(st.one_of(TEXT, MUTATED))
def test_for_the_ear_raises_only_input_errors(text):
    try:
        spoken = for_the_ear(text)
    except InputError:
        return
    assert isinstance(spoken, str)
