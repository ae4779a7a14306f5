"""The RSS feed (feed.xml) from the catalog: feedgen with its iTunes extension, plus our own extensions for
Podcasting 2.0, Podlove chapters, and the iTunes tags feedgen gets wrong (explicit as true/false; image,
which it drops unless the URL ends .jpg/.png) or lacks (episode title); see feed_extensions.py.

Podcasting 2.0 tags are written once, under the spec's namespace (https://podcastindex.org/namespace/1.0).
The spec tells clients to treat its older GitHub address as the same namespace, so repeating the tags under
that address (the only one gPodder's podcastparser knows) made spec-following clients see every tag twice;
podcastparser users lose the podcast:* values instead (README, "Podcast apps")."""
from __future__ import annotations

import datetime as dt
import re

from feedgen.feed import FeedGenerator
from markupsafe import escape

from ..config import Show
from .catalog import Catalog, EpisodeEntry, PersonEntry, podcast_guid
from .disclosure import episode_description, show_description
from .feed_extensions import EXTENSIONS, Tag
from .prefix import media_url
from .shownotes import show_notes_html

SIDECAR_TYPES = {
    "chapters": "application/json+chapters",
    "vtt": "text/vtt",
    "srt": "application/x-subrip",
    "transcript": "application/json",
}
"""Sidecar kind -> the MIME type the Podcasting 2.0 spec gives it in the feed."""
TRANSCRIPT_KINDS = ("transcript", "srt", "vtt")
"""In this order, so parsers that keep only the last transcript (feedparser, podcastparser) get the WebVTT."""
CAPTION_KINDS = {"vtt", "srt"}
"""Transcripts with cue timings: rel="captions" per the spec."""
ROLE_GROUPS = {"narrator": "cast", "host": "cast", "writer": "writing"}
"""The Podcast Taxonomy group of each role an episode credits."""
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text with the control characters XML 1.0 cannot carry removed (lxml refuses them)."""
    return NOT_XML.sub("", text)


def episode_page_url(show: Show, number: int) -> str:
    return f"{show.base_url}episodes/{number:03d}/"


def published_at(entry: EpisodeEntry) -> dt.datetime:
    """Noon UTC of the episode's date: the same pubDate on every rebuild."""
    return dt.datetime.combine(dt.date.fromisoformat(entry.date), dt.time(12, 0), tzinfo=dt.timezone.utc)


def npt(seconds: float) -> str:
    """Podlove's normal play time: HH:MM:SS.mmm."""
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def channel_podcast_tags(show: Show) -> list[Tag]:
    return [Tag("guid", podcast_guid(show.feed_url)),
            Tag("locked", "yes", {"owner": show.owner_email})]


def people_of(show: Show, entry: EpisodeEntry) -> list[PersonEntry]:
    """The episode's people; for an entry published before they were recorded, the summarizers (writers), by
    full name (no narrator: whose takes it used is not known)."""
    if entry.people:
        return entry.people
    names = [show.person(n) for item in entry.items for n in item.summarizers]
    return [PersonEntry(name, ["writer"]) for name in dict.fromkeys(names)]


def person_tag(person: PersonEntry) -> Tag:
    """podcast:person, once per person. The spec gives an element one role, and a second element for the same
    name is a second person to clients (podcast-partytime, feedsmith), so it carries the foremost role; the
    episode page lists them all."""
    role = person.roles[0]
    return Tag("person", xml_text(person.name), {"group": ROLE_GROUPS.get(role, "cast"), "role": role})


def alternate_enclosures(show: Show, entry: EpisodeEntry) -> list[Tag]:
    """podcast:alternateEnclosure for the MP3 (default, as the spec recommends repeating the enclosure) and
    each other encoding, with its podcast:source and podcast:integrity."""
    if not entry.alternates:
        return []
    mp3 = Tag("alternateEnclosure", attrs={"type": "audio/mpeg", "length": str(entry.audio_bytes),
                                           "bitrate": str(round(entry.audio_bytes * 8 / entry.duration_s)),
                                           "title": "MP3", "default": "true"},
              children=[Tag("source", attrs={"uri": media_url(show, entry.audio)})])
    return [mp3] + [Tag("alternateEnclosure", attrs={"type": a.type, "length": str(a.length), "bitrate": str(a.bitrate),
                                                    "title": a.title},
                        children=[Tag("source", attrs={"uri": media_url(show, entry.sidecars[a.kind])}),
                                  Tag("integrity", attrs={"type": "sri", "value": a.integrity})])
                    for a in entry.alternates]


def item_podcast_tags(show: Show, entry: EpisodeEntry) -> list[Tag]:
    """podcast:episode, the alternate enclosures, chapters, one transcript per format the episode has, and its
    people."""
    tags = [Tag("episode", str(entry.number)), *alternate_enclosures(show, entry)]
    if "chapters" in entry.sidecars:
        tags.append(Tag("chapters", attrs={"url": show.base_url + entry.sidecars["chapters"],
                                            "type": SIDECAR_TYPES["chapters"]}))
    for kind in TRANSCRIPT_KINDS:
        if kind in entry.sidecars:
            tags.append(Tag("transcript", attrs={"url": show.base_url + entry.sidecars[kind],
                                                  "type": SIDECAR_TYPES[kind], "language": show.language,
                                                  "rel": "captions" if kind in CAPTION_KINDS else None}))
    return tags + [person_tag(p) for p in people_of(show, entry)]


def psc_chapters(entry: EpisodeEntry) -> list[Tag]:
    return [Tag("chapter", attrs={"start": npt(c.start_s), "title": xml_text(c.title), "href": c.url})
            for c in entry.chapters]


def new_feed() -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("podcast")
    for name, (channel_class, item_class) in EXTENSIONS.items():
        fg.register_extension(name, channel_class, item_class)
    return fg


def add_episode(fg: FeedGenerator, show: Show, entry: EpisodeEntry, artwork_url: str) -> None:
    explicit = "true" if show.explicit else "false"
    page_url = episode_page_url(show, entry.number)
    fe = fg.add_entry(order="append")
    fe.guid(entry.guid, permalink=False)
    fe.title(xml_text(entry.title))
    fe.link(href=page_url)
    # RSS descriptions are HTML: the text, escaped
    fe.description(xml_text(str(escape(episode_description(show, entry)))))
    fe.content(xml_text(show_notes_html(show, entry, page_url)), type="CDATA")
    fe.published(published_at(entry))
    fe.enclosure(media_url(show, entry.audio), str(entry.audio_bytes), "audio/mpeg")
    fe.podcast.itunes_duration(round(entry.duration_s))
    fe.podcast.itunes_episode(entry.number)
    fe.podcast.itunes_episode_type("full")
    fe.itunes_extras.tags += [Tag("title", xml_text(entry.title)), Tag("explicit", explicit),
                              Tag("image", attrs={"href": artwork_url})]
    fe.podcastindex.tags += item_podcast_tags(show, entry)
    fe.psc.chapters += psc_chapters(entry)


def build_feed(show: Show, catalog: Catalog, artwork_url: str) -> bytes:
    """The whole feed, newest episode first; the same catalog gives the same bytes."""
    fg = new_feed()
    episodes = catalog.newest_first()
    fg.title(xml_text(show.title))
    fg.description(xml_text(show_description(show, episodes)))
    fg.link(href=show.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=show.base_url, rel="alternate")
    fg.language(show.language)
    fg.copyright(f"© {show.author}")
    fg.author({"name": show.author, "email": show.owner_email})
    fg.image(url=artwork_url, title=show.title, link=show.base_url)
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    fg.podcast.itunes_category(show.category)
    fg.podcast.itunes_type("episodic")
    fg.itunes_extras.tags += [Tag("explicit", "true" if show.explicit else "false"),
                              Tag("image", attrs={"href": artwork_url})]
    fg.podcastindex.tags += channel_podcast_tags(show)
    for entry in episodes:
        add_episode(fg, show, entry, artwork_url)
    if episodes:
        fg.lastBuildDate(published_at(episodes[0]))
    return fg.rss_str(pretty=True)
