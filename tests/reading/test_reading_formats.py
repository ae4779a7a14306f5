"""Every corpus issue read from Markdown, from the email's HTML and from flattened text gives the same items,
in order: titles, authors, summarizers, opinion holders and sections, and the same preface and section notes.
The flattened renderings are made from the Markdown by tests/support/flatten.py, laid out like an-099.txt."""
import subprocess
import sys
import warnings

import pytest

from podcast.reading.html import read_html
from podcast.reading.markdown import read_markdown
from podcast.reading.plaintext import read_plaintext

from tests.support.show import REPO
from tests.support.corpus import MARKDOWN_ISSUES, as_flat_text, as_html


def _key(item):
    return item.title, item.authors, item.summarizers, tuple(o.holder for o in item.opinions), item.section


def _words(paragraphs):
    """Paragraph breaks and the flattened email's spaces before punctuation aside, the same words."""
    return " ".join(paragraphs).replace(" ,", ",").replace(" .", ".").replace(" :", ":").split()


def _read_all(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (read_markdown(path.read_text(encoding="utf-8")), read_html(as_html(path)),
                read_plaintext(as_flat_text(path)))


@pytest.mark.parametrize("path", MARKDOWN_ISSUES, ids=lambda p: p.stem)
def test_three_renderings_agree(path):
    md, html, flat = _read_all(path)
    assert [_key(i) for i in html.items] == [_key(i) for i in md.items]
    assert [_key(i) for i in flat.items] == [_key(i) for i in md.items]
    assert [i.url for i in html.items] == [i.url for i in md.items]
    assert _words(flat.preface) == _words(md.preface) == _words(html.preface)
    assert [_words(i.preamble) for i in flat.items] == [_words(i.preamble) for i in md.items]


def test_flattened_renderings_are_current():
    """The checked-in renderings are what tests/support/flatten.py makes from the Markdown today."""
    done = subprocess.run([sys.executable, "-m", "tests.support.flatten", "--check"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_flattened_layout_is_the_emails():
    """The layout an-099.txt shows: one line, link texts spaced off ("here ."), list items opened by "- "
    and "1. "."""
    text = as_flat_text(next(p for p in MARKDOWN_ISSUES if p.stem == "an-079"))
    assert text.count("\n") == 1 and "resources here ." in text
    assert " 1. Due to Goodhart's law" in text and " - Agents strongly overfit" in text


def _flat(stem):
    return as_flat_text(next(p for p in MARKDOWN_ISSUES if p.stem == stem))


def test_item_after_a_read_more_line_keeps_its_own_title():
    """"Read more: Paper: <the previous title> <next title> (Authors) (summarized by X):" -> two items."""
    titles = [i.title for i in read_plaintext(_flat("an-079")).items]
    assert "Causal Confusion in Imitation Learning" in titles
    assert "Adaptive Online Planning for Continual Lifelong Learning" in titles
    assert not any(t.startswith("Read more") for t in titles)


@pytest.mark.parametrize("heading, bare, following", [
    ("LEARNING HUMAN INTENT ", "How does iterated amplification exceed human abilities?",
     "Shared Autonomy via Hindsight Optimization"),
    ("MISCELLANEOUS (ALIGNMENT) ", "FLI Podcast: On Superforecasting",
     "Formal Metaethics and Metasemantics for AI Alignment"),
])
def test_item_without_summary_followed_by_an_item(heading, bare, following):
    """An item with no "summarized by" part (title and authors only) directly followed by another item's
    title: both are found, in order, neither merged into the other (AN #98 with a heading taken out)."""
    text = _flat("an-098")
    assert heading + following in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        items = read_plaintext(text.replace(heading + following, following)).items
    titles = [i.title for i in items]
    assert titles[titles.index(bare) + 1] == following
    assert items[titles.index(bare)].paragraphs == () and items[titles.index(bare)].summarizers == ()
    assert len(items) == 11


def test_markdown_layouts_are_both_read():
    counts = {p.stem: len(read_markdown(p.read_text(encoding="utf-8")).items) for p in MARKDOWN_ISSUES}
    assert counts == {"an-079": 11, "an-080": 4, "an-081": 6, "an-083": 15, "an-084": 0, "an-085": 9, "an-089": 10,
                      "an-091": 10, "an-093": 7, "an-096": 9, "an-097": 9, "an-098": 11, "an-100": 10}
