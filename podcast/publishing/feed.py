"""The RSS feed (feed.xml), written with feedgen and its podcast (iTunes) extension from the catalog."""
from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from ..config import Show
from .catalog import Catalog
from .shownotes import show_notes_html


def build_feed(show: Show, catalog: Catalog, artwork_url: str) -> bytes:
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.title(show.title)
    fg.description(show.description)
    fg.link(href=show.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=show.base_url, rel="alternate")
    fg.language(show.language)
    fg.author({"name": show.author, "email": show.owner_email})
    fg.image(url=artwork_url, title=show.title, link=show.base_url)
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    fg.podcast.itunes_category(show.category)
    fg.podcast.itunes_image(artwork_url)
    fg.podcast.itunes_explicit("yes" if show.explicit else "no")
    fg.podcast.itunes_type("episodic")
    fg.podcast.itunes_summary(show.description)
    for entry in catalog.newest_first():
        fe = fg.add_entry(order="append")
        fe.id(entry.guid)
        fe.guid(entry.guid, permalink=False)
        fe.title(entry.title)
        fe.description(show_notes_html(entry))
        if entry.link:
            fe.link(href=entry.link)
        published = dt.datetime.combine(dt.date.fromisoformat(entry.date), dt.time(12, 0), tzinfo=dt.timezone.utc)
        fe.published(published)
        fe.enclosure(show.base_url + entry.audio, str(entry.audio_bytes), "audio/mpeg")
        fe.podcast.itunes_duration(round(entry.duration_s))
        fe.podcast.itunes_episode(entry.number)
        fe.podcast.itunes_episode_type("full")
        fe.podcast.itunes_explicit("yes" if show.explicit else "no")
    return fg.rss_str(pretty=True)
