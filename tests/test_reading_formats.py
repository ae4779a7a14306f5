"""Every corpus issue read from Markdown, from the email's HTML and from flattened text gives the same items:
titles, authors, summarizers, opinion holders and sections, and the same preface and section notes."""
import warnings

import pytest

from podcast.reading.html import read_html
from podcast.reading.markdown import read_markdown
from podcast.reading.plaintext import read_plaintext

from .corpus import MARKDOWN_ISSUES, as_flat_text, as_html


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
    assert len(flat.items) == len(md.items)
    for text_item, md_item in zip(flat.items, md.items):
        title, *rest = _key(text_item)
        assert rest == list(_key(md_item)[1:])
        if title.startswith(("Read more:", "Prerequisities:")):
            # Flattened text cannot show where a link line ends and the next title starts.
            assert title.endswith(md_item.title)
        else:
            assert title == md_item.title
    assert [i.url for i in html.items] == [i.url for i in md.items]
    assert _words(flat.preface) == _words(md.preface) == _words(html.preface)
    assert [_words(i.preamble) for i in flat.items] == [_words(i.preamble) for i in md.items]


def test_markdown_layouts_are_both_read():
    counts = {p.stem: len(read_markdown(p.read_text(encoding="utf-8")).items) for p in MARKDOWN_ISSUES}
    assert counts == {"an-079": 11, "an-080": 4, "an-083": 15, "an-084": 0, "an-085": 9, "an-089": 10,
                      "an-091": 10, "an-093": 7, "an-096": 9, "an-097": 9, "an-098": 11, "an-100": 10}
