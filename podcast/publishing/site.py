"""Writing the site: media first, catalog next, feed last; every file renamed into place, so a client never sees
a feed pointing at a missing or half-written file. One build at a time publishes (SITE/.lock); a build killed
mid-way leaves at most temporary files, removed by the next."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Show
from ..errors import PublishError
from ..files import copy_atomic, remove_temporary_files, write_atomic
from ..media_names import EPISODE_FILES, REVIEW_PAGE, media_name
from .catalog import Catalog, EpisodeEntry, load_catalog
from .lock import site_lock

if TYPE_CHECKING:  # the up-to-date check imports publishing: the review page's numpy only when one is made
    from .review import Review


PRODUCER_ONLY = {"catalog.json": "catalog", f"episodes/*/{REVIEW_PAGE}": "review page",
                 "assets/review.css": "review asset", "assets/review.js": "review asset"}
"""Files of the site only the producer reads, by glob, with what each is: the catalog (read back by the build and
by `podcast stats`; no page or feed fetches it) and the review pages (take states and scores) with their script and
style sheet. `podcast deploy` leaves them home unless asked for them."""


def producer_only(path: str) -> str | None:
    """What a file of the site (its path under it) is when only the producer reads it, else None."""
    parts = path.split("/")
    for glob, kind in PRODUCER_ONLY.items():
        globs = glob.split("/")
        if len(parts) == len(globs) and all(fnmatchcase(part, g) for part, g in zip(parts, globs)):
            return kind
    return None


def subresource_integrity(path: Path) -> str:
    """The file's Subresource Integrity string (W3C SRI, SHA-384), as podcast:integrity type="sri" carries it."""
    import base64

    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode("ascii")


def published_path(number: int, source: Path, feed: str | None = None) -> str:
    """Where a built file (MP3 or sidecar) lives under the site folder: its media name, with its content's digest;
    a feed per audience's files have its name before their stem."""
    stem = source.stem if feed is None else f"{feed}-{source.stem}"
    return media_name(number, stem, hashlib.sha256(source.read_bytes()).hexdigest()[:10], source.suffix)


def holds(path: Path, data: bytes) -> bool:
    """The file is there with these very bytes: rewriting it (and syncing it to disk) would change nothing. In a
    site of 200 episodes a one-episode rebuild leaves most pages as they were."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def remove_unreferenced(site: Path, catalog: Catalog) -> None:
    """After the feed is in place: delete episode files that no catalog entry points to any more."""
    referenced = {site / p for e in catalog.every_entry() for p in [e.audio, *e.sidecars.values()]}
    for path in site.glob(EPISODE_FILES):
        if path not in referenced:
            path.unlink(missing_ok=True)


Built = tuple[EpisodeEntry, dict[str, Path]]
"""A catalog entry and its built files by kind ("audio" and the sidecars)."""


def publish(site: Path, show: Show, catalog: Catalog, entries: list[Built],
            reviews: Mapping[int, Review] | None = None, feeds: Mapping[str, list[Built]] | None = None) -> None:
    """Put each built episode's files into the site, then the artwork, the pages, the catalog and finally
    the feed.

    entries pairs a catalog entry with its built files by kind ("audio" and the sidecars); the entry's
    `audio` and `sidecars` paths say where each goes. reviews: by episode number, what the review page of a
    built episode shows. feeds: by name, the built episodes of each feed per audience (show.feeds), published
    the same way into feeds/NAME.xml (a built episode with none in a feed keeps the one that feed published,
    Catalog.keep_published). Everything is rendered before the first write, so a page or feed that
    cannot be rendered leaves the site as it was.

    Runs under the site lock, and first re-reads the catalog into `catalog` (another build may have published
    since this one read it), so concurrent builds wait for each other and neither drops the other's episode."""
    reviewed = review_pages(entries, reviews or {})
    with site_lock(site):
        published = load_catalog(site)
        catalog.episodes, catalog.feeds = published.episodes, published.feeds
        _publish_locked(site, show, catalog, entries, reviewed, feeds or {})


def review_pages(entries: list[tuple[EpisodeEntry, dict[str, Path]]],
                 reviews: Mapping[int, Review]) -> dict[str, bytes]:
    """Path under the site -> review page, for each built episode that has a review."""
    from .review import levels, review_page, review_page_path

    return {review_page_path(entry.audio): review_page(entry.title, Path(entry.audio).name, reviews[entry.number],
                                                       levels(reviews[entry.number].envelope)).encode("utf-8")
            for entry, _ in entries if entry.number in reviews}


def _publish_locked(site: Path, show: Show, catalog: Catalog, entries: list[Built], reviewed: dict[str, bytes],
                    feeds: Mapping[str, list[Built]]) -> None:
    from ..artwork import show_artwork  # here, not at import: an up-to-date build publishes nothing
    from .audiences import audience_show
    from .feed import build_feed
    from .pages import site_assets, site_pages
    from .search import remove_stale_search_files, search_index
    from .summaries import summaries_files

    for entry, _ in entries:
        catalog.publish(entry)
    for name, built in feeds.items():
        for entry, _ in built:
            catalog.publish(entry, name)
        held = {entry.number for entry, _ in built}
        for entry, _ in entries:
            if entry.number not in held:
                catalog.keep_published(name, entry.number, entry.inputs_digest)
    art = show_artwork(show.artwork, show.title)
    artwork = f"artwork{art.suffix}"
    transcripts = {e.number: site / e.sidecars["transcript"] for e in catalog.episodes.values()
                   if "transcript" in e.sidecars}
    transcripts |= {entry.number: files["transcript"] for entry, files in entries if "transcript" in files}
    search = search_index(site, show, catalog, transcripts)
    rendered = {artwork: art.data, **site_assets(), **search.files, **site_pages(site, show, catalog, artwork, transcripts),
                **summaries_files(site, show, catalog, artwork), **reviewed, "catalog.json": catalog.to_json()}
    audience_feeds = {f.path: build_feed(audience_show(show, f), catalog.feed(f.name), show.base_url + artwork)
                      for f in show.feeds}
    feed = build_feed(show, catalog, show.base_url + artwork)
    try:
        remove_temporary_files(site)
        for entry, files in [*entries, *(b for built in feeds.values() for b in built)]:
            targets = {"audio": entry.audio, **entry.sidecars}
            for kind, source in files.items():
                copy_atomic(source, site / targets[kind])
        for path, data in [*rendered.items(), *audience_feeds.items(), (show.feed_path, feed)]:
            if not holds(site / path, data):
                write_atomic(site / path, data)
        remove_unreferenced(site, catalog)
        remove_stale_search_files(site, search)
    except OSError as e:
        raise PublishError(f"{e.filename or site}: cannot write the site ({e.strerror}); the published feed is unchanged") from None
