"""The show's static pages beside the feed: index.html with every episode, newest first, and
episodes/NNN/index.html with an audio player, the chapter list, the show notes (who reads it among them) and the
transcript, in the page itself (transcript.py; assets/player.js highlights the sentence being heard and seeks to
one clicked); each page has the subscribe links and the "Copy feed URL" button (assets/subscribe.js). Links are
relative, so the pages work wherever the site folder is served from (podcast serve included), except the media
behind an analytics prefix, which must go through it to be counted."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ..config import Show
from ..freshness import pipeline_identity, settings_identity
from .catalog import Catalog, EpisodeEntry, catalog_json
from .disclosure import episode_description, read_by, show_description, statement_of, writers
from .prefix import media_url
from .audiences import audience_show
from .subscribe import SubscribeLink, subscribe_links
from .templating import render
from .transcript import transcript_paragraphs

ASSETS = ("show.css", "player.js", "subscribe.js", "search.js", "summaries.js", "review.css", "review.js")
"""Files copied from the package's assets/ folder into SITE/assets/."""


def episode_page_path(number: int) -> str:
    return f"episodes/{number:03d}/index.html"


def render_key(show: Show, artwork: str, content: bytes) -> str:
    """Digest of everything a page is made from: the code and its templates, the show's settings, the artwork's
    name and the page's own content. The page carries it (`<meta name="podcast-page">`), so a publish renders
    again only the pages whose key changed: at 200 episodes, rendering every page took longer than the rest of a
    one-edit rebuild's publishing."""
    h = hashlib.sha256(f"{pipeline_identity()}\n{settings_identity(show)}\n{artwork}\n".encode())
    h.update(content)
    return h.hexdigest()


def page_key(show: Show, entry: EpisodeEntry, artwork: str) -> str:
    """An episode page's render_key: its content is the episode's catalog entry (its transcript's published name
    carries the transcript's digest)."""
    return render_key(show, artwork, catalog_json(entry))


def is_rendered(site: Path, path: str, key: str) -> bool:
    """Whether the site's page at path was rendered with this key."""
    try:
        return f'<meta name="podcast-page" content="{key}">'.encode() in (site / path).read_bytes()[:4096]
    except OSError:
        return False


def episode_page(show: Show, entry: EpisodeEntry, artwork: str, transcript: Path | None = None,
                 key: str | None = None) -> str:
    """The episode's page; transcript: its JSON transcript, whose sentences the page shows; key: its page_key."""
    root = "../../"
    audio = media_url(show, entry.audio) if show.stats_prefix else root + entry.audio
    opus = entry.sidecars.get("opus")
    if opus:
        opus = media_url(show, opus) if show.stats_prefix else root + opus
    return render("episode.html", show=show, entry=entry, artwork=artwork, root=root, audio_url=audio, opus_url=opus,
                  subscribe_links=subscribe_links(show), transcript=transcript_paragraphs(entry, transcript),
                  statement=statement_of(show, entry), read_by=read_by(entry), writers=writers(entry), page_key=key)


@dataclass(frozen=True)
class AudienceLinks:
    """A feed per audience as the show page offers it: its title, description, path, URL and subscribe links."""

    title: str
    description: str
    path: str
    url: str
    links: list[SubscribeLink]


def audience_links(show: Show) -> list[AudienceLinks]:
    shown = [audience_show(show, feed) for feed in show.feeds]
    return [AudienceLinks(s.title, s.description, s.feed_path, s.feed_url, subscribe_links(s)) for s in shown]


def site_pages(site: Path, show: Show, catalog: Catalog, artwork: str, transcripts: Mapping[int, Path]
               ) -> dict[str, bytes]:
    """Path under the site -> page bytes, for the index (with the feeds per audience) and every episode in the
    catalog whose page in the site is not already what it would be (page_key); transcripts: each episode's JSON
    transcript by number."""
    episodes = catalog.newest_first()
    pages = {"index.html": render("index.html", show=show, episodes=episodes, artwork=artwork, root="",
                                  subscribe_links=subscribe_links(show), show_description=show_description(show, episodes),
                                  descriptions={e.number: episode_description(show, e) for e in episodes},
                                  audiences=audience_links(show))}
    for entry in episodes:
        path, transcript = episode_page_path(entry.number), transcripts.get(entry.number)
        key = page_key(show, entry, artwork)
        if not is_rendered(site, path, key):
            pages[path] = episode_page(show, entry, artwork, transcript, key)
    return {path: html.encode("utf-8") for path, html in pages.items()}


def site_assets() -> dict[str, bytes]:
    """Path under the site -> bytes of the script and style sheet the pages load."""
    folder = files("podcast.publishing") / "assets"
    return {f"assets/{name}": (folder / name).read_bytes() for name in ASSETS}
