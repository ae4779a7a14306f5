"""Publishing: the only stage that writes into the site. Media first, catalog next, feed last; every file
renamed into place, so a client never sees a feed pointing at a missing or half-written file."""
from __future__ import annotations

from pathlib import Path

from ..config import Show
from ..errors import PublishError
from .artwork import generated_artwork
from .atomic import copy_atomic, write_atomic
from .catalog import Catalog, ChapterEntry, EpisodeEntry, ItemEntry, episode_guid, load_catalog
from .feed import build_feed

__all__ = ["ChapterEntry", "EpisodeEntry", "ItemEntry", "audio_path", "episode_guid", "load_catalog", "publish"]


def audio_path(number: int, digest: str) -> str:
    """Where an episode's MP3 lives under the site folder. The name carries a digest of the content, so a
    rebuilt episode never overwrites the file the published feed still points to (with its length)."""
    return f"episodes/{number:03d}/alignment-newsletter-{number:03d}-{digest[:10]}.mp3"


def remove_unreferenced(site: Path, catalog: Catalog) -> None:
    """After the feed is in place: delete episode MP3s that no catalog entry points to any more."""
    referenced = {site / e.audio for e in catalog.episodes.values()}
    for mp3 in (site / "episodes").glob("*/*.mp3"):
        if mp3 not in referenced:
            mp3.unlink(missing_ok=True)


def artwork_bytes(show: Show) -> tuple[bytes, str]:
    """The artwork file's bytes and suffix (generated PNG when the show has none)."""
    if show.artwork and show.artwork.exists():
        return show.artwork.read_bytes(), show.artwork.suffix.lower()
    return generated_artwork(show.title), ".png"


def publish(site: Path, show: Show, catalog: Catalog, entries: list[tuple[EpisodeEntry, Path]]) -> None:
    """Put each built episode's MP3 into the site, then the artwork, the catalog and finally the feed."""
    try:
        for entry, mp3 in entries:
            copy_atomic(mp3, site / entry.audio)
            catalog.publish(entry)
        art, suffix = artwork_bytes(show)
        write_atomic(site / f"artwork{suffix}", art)
        write_atomic(catalog.path, catalog.to_json())
        write_atomic(site / "feed.xml", build_feed(show, catalog, show.base_url + f"artwork{suffix}"))
        remove_unreferenced(site, catalog)
    except OSError as e:
        raise PublishError(f"{e.filename or site}: cannot write the site ({e.strerror}); the published feed is unchanged") from None
