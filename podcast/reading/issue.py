"""The structured issue every reader produces, whatever the source format, and the one error a reader
raises of its own."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..links import published_link


@dataclass(frozen=True)
class Opinion:
    """One "X's opinion:" part of an item."""

    holder: str
    paragraphs: tuple[str, ...]
    label: str = ""
    """The label as written ("Nicholas' opinion", "Rohin's opinion"), said as written."""


@dataclass(frozen=True)
class Item:
    """One summarized paper or post."""

    title: str
    url: str | None
    """The title's link as published (links.vet_link: http, https or mailto), or None."""
    authors: str | None
    """As written, e.g. "Di Jin, Zhijing Jin et al"."""
    summarizers: tuple[str, ...]
    section: tuple[str, ...]
    """Section path, outermost first, e.g. ("Technical AI alignment", "Robustness")."""
    paragraphs: tuple[str, ...]
    """The summary."""
    opinions: tuple[Opinion, ...] = ()
    read_more: tuple[str, ...] = ()
    """"Read more:" links, kept for the show notes; not spoken."""
    prerequisites: tuple[str, ...] = ()
    """"Prerequisities:" (sic) links, kept for the show notes; not spoken."""
    hat_tip: str | None = None
    """Who pointed the newsletter to it: "(H/T Jon Rodriguez)" -> "Jon Rodriguez"."""
    preamble: tuple[str, ...] = ()
    """Text between a section heading and this item that belongs to no item (a note on the section)."""

    def __post_init__(self):
        if self.url is not None and published_link(self.url) != self.url:
            raise ValueError(f"an item's link must be one links.vet_link publishes, not {self.url!r}")

    @property
    def is_highlight(self) -> bool:
        return bool(self.section) and self.section[0].lower() == "highlights"

    @property
    def is_news(self) -> bool:
        return bool(self.section) and self.section[0].lower() == "news"


@dataclass(frozen=True)
class Skipped:
    """Source text deliberately not spoken, with the reason, so nothing is dropped silently."""

    reason: str
    text: str


@dataclass(frozen=True)
class Issue:
    """A whole newsletter issue: its editorial preface, its items in reading order, and what was skipped.

    An issue with no items (an essay issue, like AN #84's review) is all preface."""

    items: tuple[Item, ...]
    skipped: tuple[Skipped, ...] = field(default=())
    preface: tuple[str, ...] = ()
    """The editor's own opening text (not the newsletter's boilerplate), spoken before the first item."""


class NestingError(ValueError):
    """Markup nested deeper than the readers take; the message says how deep, the caller names the file."""
