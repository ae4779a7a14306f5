"""feedgen extensions for what feedgen 1.0 cannot write: Podcasting 2.0 (`podcast:`), Podlove Simple Chapters
(`psc:`) and the iTunes tags its own podcast extension gets wrong or lacks (`itunes:explicit` as Apple's
true/false, `itunes:image` whatever the URL ends with, episode `itunes:title`).

They are registered under names other than "podcast", which feedgen reserves for its iTunes extension.
Each extension only holds (tag, text, attributes) triples and turns them into elements of its namespace;
what goes in them is decided in feed.py."""
from __future__ import annotations

from dataclasses import dataclass, field

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
"""The Podcasting 2.0 namespace as its spec declares it: what Apple, Podcast Index and most apps read."""
PSC_NS = "http://podlove.org/simple-chapters"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


@dataclass(frozen=True)
class Tag:
    """One element to write: its local name, text, attributes (None values are left out) and child elements
    (in the same namespace)."""

    name: str
    text: str | None = None
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list["Tag"] = field(default_factory=list)


def _append(parent, namespace: str, tag: Tag):
    element = xml_elem(f"{{{namespace}}}{tag.name}", parent,
                       **{k: v for k, v in tag.attrs.items() if v is not None})
    if tag.text is not None:
        element.text = tag.text
    for child in tag.children:
        _append(element, namespace, child)
    return element


class _TagsExtension(BaseExtension):
    """Holds tags for the channel and writes them, in order, at its end."""

    PREFIX = ""
    NAMESPACE = ""

    def __init__(self):
        self.tags: list[Tag] = []

    def extend_ns(self):
        return {self.PREFIX: self.NAMESPACE}

    def extend_rss(self, rss):
        for tag in self.tags:
            _append(rss[0], self.NAMESPACE, tag)
        return rss


class _TagsEntryExtension(BaseEntryExtension):
    """Holds tags for one item and writes them, in order, at its end."""

    NAMESPACE = ""

    def __init__(self):
        self.tags: list[Tag] = []

    def extend_rss(self, item):
        for tag in self.tags:
            _append(item, self.NAMESPACE, tag)
        return item


class PodcastIndex(_TagsExtension):
    PREFIX, NAMESPACE = "podcast", PODCAST_NS


class PodcastIndexEntry(_TagsEntryExtension):
    NAMESPACE = PODCAST_NS


class ItunesExtras(_TagsExtension):
    PREFIX, NAMESPACE = "itunes", ITUNES_NS


class ItunesExtrasEntry(_TagsEntryExtension):
    NAMESPACE = ITUNES_NS


class PodloveChapters(BaseExtension):
    """Declares the psc namespace on the root; the chapters themselves are per item."""

    def extend_ns(self):
        return {"psc": PSC_NS}


class PodloveChaptersEntry(BaseEntryExtension):
    """`<psc:chapters version="1.2">` with one `<psc:chapter start title href>` per chapter."""

    def __init__(self):
        self.chapters: list[Tag] = []

    def extend_rss(self, item):
        if self.chapters:
            chapters = _append(item, PSC_NS, Tag("chapters", attrs={"version": "1.2"}))
            for chapter in self.chapters:
                _append(chapters, PSC_NS, chapter)
        return item


EXTENSIONS = {
    "podcastindex": (PodcastIndex, PodcastIndexEntry),
    "itunes_extras": (ItunesExtras, ItunesExtrasEntry),
    "psc": (PodloveChapters, PodloveChaptersEntry),
}
"""Name each extension is registered under -> (channel class, item class)."""
