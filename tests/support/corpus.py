"""The corpus issues in the three renderings a producer may paste: Markdown, the email's HTML, flattened text."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from podcast.config import EpisodeMeta
from podcast.reading.markdown import render_html

from tests.support.flatten import flat_path
from tests.support.show import CORPUS

MARKDOWN_ISSUES = sorted(CORPUS.glob("an-*.md"))
ALL_ISSUES = sorted(CORPUS.glob("an-*.*"))
assert len(ALL_ISSUES) == 14, f"the corpus of 14 issues is missing from {CORPUS}"


@lru_cache(maxsize=None)
def as_html(md_path: Path) -> str:
    """The Markdown rendered by the markdown library, inside an email-like page (table layout)."""
    body = render_html(md_path.read_text(encoding="utf-8"))
    return (f"<!DOCTYPE html><html><head><title>{md_path.stem}</title><style>p{{margin:0}}</style></head>"
            f"<body><table><tr><td>{body}</td></tr></table></body></html>")


@lru_cache(maxsize=None)
def as_flat_text(md_path: Path) -> str:
    """The issue as its email's text looks when copied, laid out like an-099.txt (tests/support/flatten.py made it
    from the Markdown; test_flattened_renderings_are_current keeps the two in step)."""
    return flat_path(md_path).read_text(encoding="utf-8")


LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
"""A Markdown link or image: its text (which may hold brackets of its own) kept, its target dropped."""


def source_text(path: Path) -> str:
    """The words of a corpus file as written, with Markdown's markup taken out (link and image targets,
    heading underlines and marks, list numbers: none of it is text); independent of the readers, so a word
    they lose is missed. Only a link's brackets are markup: "A[C]", a variable with its argument, is text."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return text
    text = LINK.sub(r"\1 ", text)
    text = re.sub(r"^\s*(?:[=-]{3,}|\d+\.(?=\s)|#{1,6}(?=\s))", " ", text, flags=re.MULTILINE)
    return text.replace("*", "")


def number_of(path: Path) -> int:
    return int(re.search(r"\d+", path.stem)[0])


def meta_for(path: Path) -> EpisodeMeta:
    return EpisodeMeta(number=number_of(path), title=f"AN #{number_of(path)}: corpus issue",
                       date=dt.date(2020, 5, 13), link=None, description=None)


def words(text: str) -> Counter:
    """Lower-case word tokens (apostrophes unified), as a multiset."""
    return Counter(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'")))


SUMMARIZED_BY = re.compile(r"\(summarized by\b", re.IGNORECASE)


def as_announced(text: str) -> str:
    """Source text with each item header's "(summarized by X)" worded as the script announces it, in the
    byline "Summary by X." (scripting.writer.item_announcement), so word counts compare like with like."""
    return SUMMARIZED_BY.sub("(summary by", text)
