"""The catalog of published episodes (SITE/catalog.json): the feed is rewritten from it on every build, so
rebuilding one episode never drops or reorders the others, and a GUID once published never changes."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path

import orjson

from ..errors import PublishError
from ..links import published_link

FORMAT = "alignment-newsletter-podcast/catalog/1"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
READINGS = ("synthetic", "mixed", "narrator")
"""How an episode is read, as the catalog records it (scripting.Reading's values)."""


def _published_links(entry, *names: str) -> None:
    """The feed, the pages and the show notes are written from the catalog: whatever built an entry (an
    earlier build's catalog.json included), its links are only ever ones links.published_link passes."""
    for name in names:
        object.__setattr__(entry, name, published_link(getattr(entry, name)))


@dataclass(frozen=True)
class ChapterEntry:
    title: str
    url: str | None
    start_s: float

    def __post_init__(self):
        _published_links(self, "url")


@dataclass(frozen=True)
class ItemEntry:
    """One newsletter item, for the show notes."""

    title: str
    url: str | None
    authors: str | None
    summarizers: list[str]
    section: list[str] = field(default_factory=list)
    """The headings it stands under, outermost first (["Technical AI alignment", "Interpretability"]); empty in a
    catalog written before sections were recorded, and for an item under no heading."""

    def __post_init__(self):
        _published_links(self, "url")


@dataclass(frozen=True)
class PersonEntry:
    """Someone credited in an episode, by full name, with every role they had in it, foremost first."""

    name: str
    roles: list[str]
    """Podcast Taxonomy roles, lower case: "narrator", "writer"."""


@dataclass(frozen=True)
class AlternateEntry:
    """Another encoding of the episode's audio, published as a sidecar (its path is `sidecars[kind]`) and
    announced as a Podcasting 2.0 podcast:alternateEnclosure."""

    kind: str
    """The sidecar kind holding its path: "opus"."""
    type: str
    """MIME type with codecs: "audio/ogg; codecs=opus"."""
    length: int
    """Bytes."""
    bitrate: int
    """Average bits per second of the file."""
    title: str
    integrity: str
    """Subresource Integrity of the file ("sha384-<base64>")."""


@dataclass(frozen=True)
class EpisodeEntry:
    number: int
    guid: str
    title: str
    date: str
    """ISO date of publication."""
    description: str
    link: str | None
    audio: str
    """Path of the MP3 under the site folder."""
    audio_bytes: int
    duration_s: float
    chapters: list[ChapterEntry] = field(default_factory=list)
    items: list[ItemEntry] = field(default_factory=list)
    sidecars: dict[str, str] = field(default_factory=dict)
    """Kind -> path under the site folder of each file published beside the MP3."""
    people: list[PersonEntry] = field(default_factory=list)
    """Each person once: the narrator whose takes the episode uses, and everyone who summarized an item or gave
    an opinion."""
    alternates: list[AlternateEntry] = field(default_factory=list)
    """The audio in other encodings (the Ogg Opus), each a sidecar; the MP3 stays the enclosure."""
    inputs_digest: str = ""
    """Digest of every input the episode was built from (podcast.freshness): equal on a rebuild, with the
    files in place, means the episode is up to date. An episode a feed per audience keeps as published after
    its issue lost every item of the feed's sections (Catalog.keep_published) has the inputs it was kept with."""
    segment_starts_s: list[float] = field(default_factory=list)
    """Where each segment of the script starts in the audio: the episode page's transcript has a paragraph per
    segment (empty in a catalog written before: then a paragraph per speaker's turn in each chapter)."""
    reading: str = "synthetic"
    """How the episode is read (scripting.Reading): "synthetic", "mixed" (the narrator's takes and the synthetic
    voice) or "narrator". An entry published before this was recorded is taken as "synthetic" and credits no
    narrator: disclosed rather than guessed."""
    statement: str = ""
    """That reading as the episode's opening says it; empty for an entry published before it was recorded."""

    def __post_init__(self):
        _published_links(self, "link")

    @property
    def description_lists_items(self) -> bool:
        """The description is the one made from the item titles, which the show notes list anyway."""
        return bool(self.items) and self.description == items_description([i.title for i in self.items])

    def item_chapters(self) -> list[tuple[ItemEntry, ChapterEntry | None]]:
        """Each item with the chapter that reads it: the chapters in time order, each matched to the first item
        not yet matched that has its title (the opening and closing match none); None for an item no chapter
        reads."""
        unmatched = list(self.items)
        found: dict[int, ChapterEntry] = {}
        for chapter in sorted(self.chapters, key=lambda c: c.start_s):
            item = next((i for i in unmatched if i.title == chapter.title), None)
            if item is not None:
                unmatched.remove(item)
                found[id(item)] = chapter
        return [(item, found.get(id(item))) for item in self.items]

    def is_up_to_date(self, digest: str, site: Path) -> bool:
        """Published from these very inputs (digest), with all its files still in the site."""
        if self.inputs_digest != digest:
            return False
        audio = site / self.audio
        return (audio.is_file() and audio.stat().st_size == self.audio_bytes
                and all((site / path).is_file() for path in self.sidecars.values()))

    @staticmethod
    def from_json(data: dict) -> "EpisodeEntry":
        data = dict(data)
        data["chapters"] = [ChapterEntry(**c) for c in data.get("chapters", [])]
        data["items"] = [ItemEntry(**i) for i in data.get("items", [])]
        data["people"] = [PersonEntry(**p) for p in data.get("people", [])]
        if "reading" not in data:  # published before the reading was recorded: no take is known to be used
            data["people"] = [PersonEntry(p.name, [r for r in p.roles if r != "narrator"]) for p in data["people"]
                              if p.roles != ["narrator"]]
        data["alternates"] = [AlternateEntry(**a) for a in data.get("alternates", [])]
        return EpisodeEntry(**data)


def items_description(titles: list[str]) -> str:
    """The description of an episode whose episode.toml gives none: its items' titles. Not its own title, which
    every app and page shows beside the description."""
    return f"In this issue: {'; '.join(titles)}."


def podcast_guid(feed_url: str) -> str:
    """Podcasting 2.0 podcast:guid: UUIDv5 of the feed URL without scheme and trailing slash."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def episode_guid(feed_url: str, number: int) -> str:
    """The GUID an episode gets when first published: derived from the show and the issue number only, so
    a site rebuilt from scratch gives the same GUIDs, and titles, dates or text can change freely."""
    return str(uuid.uuid5(uuid.UUID(podcast_guid(feed_url)), f"episode/{number}"))


def _kept_guid(episodes: dict[int, EpisodeEntry], entry: EpisodeEntry) -> EpisodeEntry:
    """Add or update an episode; an episode already published keeps its GUID."""
    known = episodes.get(entry.number)
    if known is not None and known.guid != entry.guid:
        entry = EpisodeEntry(**{**entry.__dict__, "guid": known.guid})
    episodes[entry.number] = entry
    return entry


def _fields(value) -> dict:
    if not is_dataclass(value):
        raise TypeError(f"{type(value).__name__} is not a catalog value")
    return {f.name: getattr(value, f.name) for f in fields(value)}


def catalog_json(value, option: int = 0) -> bytes:
    """JSON of catalog values (entries and what they hold), each dataclass as its fields alone, in order: the bytes
    json.dumps(dataclasses.asdict(...)) gives (with OPT_INDENT_2, those of indent=2), 20x faster (orjson; left to
    itself it would also write an attribute cached on an instance)."""
    return orjson.dumps(value, option=option | orjson.OPT_PASSTHROUGH_DATACLASS, default=_fields)


def _by_number(episodes: dict[int, EpisodeEntry]) -> list[EpisodeEntry]:
    return sorted(episodes.values(), key=lambda e: e.number)


@dataclass
class Catalog:
    path: Path
    episodes: dict[int, EpisodeEntry]
    feeds: dict[str, dict[int, EpisodeEntry]] = field(default_factory=dict)
    """The episodes of each feed per audience ([feeds.NAME]), by name: published like the main feed's, never
    dropped, each keeping its GUID."""

    def publish(self, entry: EpisodeEntry, feed: str | None = None) -> EpisodeEntry:
        """Add or update an episode of the main feed (or of the feed named); one already published keeps its GUID."""
        return _kept_guid(self.episodes if feed is None else self.feeds.setdefault(feed, {}), entry)

    def keep_published(self, feed: str, number: int, digest: str) -> None:
        """The issue `number`, published from the inputs `digest` with no episode in the feed `feed` (no item
        under its sections any more), keeps the episode that feed published (a feed never drops one, nor changes
        its GUID or audio), recorded as up to date with `digest` so the next build does not build it again."""
        kept = self.feeds.get(feed, {}).get(number)
        if kept is not None:
            self.feeds[feed][number] = replace(kept, inputs_digest=digest)

    def feed(self, name: str) -> Catalog:
        """The episodes of the feed per audience `name`, as a catalog of their own (for its feed)."""
        return Catalog(self.path, self.feeds.get(name, {}))

    def every_entry(self) -> list[EpisodeEntry]:
        """The episodes of every feed, the main one first."""
        return [*self.episodes.values(), *(e for feed in self.feeds.values() for e in feed.values())]

    def newest_first(self) -> list[EpisodeEntry]:
        return sorted(self.episodes.values(), key=lambda e: (e.date, e.number), reverse=True)

    def to_json(self) -> bytes:
        data = {"format": FORMAT, "episodes": _by_number(self.episodes)}
        if self.feeds:  # a show without feeds per audience writes the catalog it always has
            data["feeds"] = {name: _by_number(self.feeds[name]) for name in sorted(self.feeds)}
        return catalog_json(data, orjson.OPT_INDENT_2) + b"\n"


def check_entries(episodes: list[EpisodeEntry]) -> None:
    """Numbers and GUIDs unique, published paths inside the site's episodes/ folder: else ValueError."""
    for key in ("number", "guid"):
        values = [getattr(e, key) for e in episodes]
        repeated = sorted({v for v in values if values.count(v) > 1}, key=str)
        if repeated:
            raise ValueError(f"episode {key} {repeated[0]} appears twice")
    for e in episodes:
        if e.reading not in READINGS:
            raise ValueError(f"episode {e.number}: reading {e.reading!r} is not one of {', '.join(READINGS)}")
        for path in [e.audio, *e.sidecars.values()]:
            if not path.startswith("episodes/") or ".." in path.split("/") or "\\" in path:
                raise ValueError(f"episode {e.number}: path {path!r} is not under episodes/")
        for alternate in e.alternates:
            if alternate.kind not in e.sidecars:
                raise ValueError(f"episode {e.number}: alternate {alternate.kind!r} names no published file")


def load_catalog(site: Path) -> Catalog:
    """Read SITE/catalog.json. A site folder that holds files but no catalog is not ours, and a catalog that
    does not parse is not guessed at: PublishError, before anything is written."""
    path = site / "catalog.json"
    if site.exists() and not site.is_dir():
        raise PublishError(f"{site}: is a file, not a site folder")
    if not path.exists():
        if site.exists() and any(p for p in site.iterdir() if not p.name.startswith(".")):
            raise PublishError(f"{site}: holds files but no catalog.json; not a site built by podcast "
                               f"(choose an empty folder or the site's own)")
        return Catalog(path, {})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"format is {data.get('format') if isinstance(data, dict) else None!r}, "
                             f"expected {FORMAT!r}")
        episodes = [EpisodeEntry.from_json(e) for e in data["episodes"]]
        check_entries(episodes)
        feeds = {str(name): [EpisodeEntry.from_json(e) for e in entries]
                 for name, entries in data.get("feeds", {}).items()}
        for entries in feeds.values():
            check_entries(entries)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise PublishError(f"{path}: catalog does not parse ({e}); fix or restore it, nothing was changed") from None
    except OSError as e:
        raise PublishError(f"{path}: cannot be read ({e.strerror})") from None
    return Catalog(path, {e.number: e for e in episodes},
                   {name: {e.number: e for e in entries} for name, entries in feeds.items()})
