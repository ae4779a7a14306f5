"""Deploy: the built site to where listeners get it, in an order that keeps them safe at every instant.

Modelled on `hugo deploy` (an upload order, MD5 comparison so unchanged files are never re-sent), with the
listener's rules on top: media, sidecars, the pages' assets and the search index's chunks first, then each search
index shard's entry file, then pages with the list of shards, then the feeds last (each feed per audience,
feeds/NAME.xml, then `feed.xml`), each replaced whole, so no remote feed or search index ever names a file the
remote lacks, and no feed is fetched half-written; nothing is removed unless asked, and then only after the new feeds are in place
and never a file any of them lists (a deploy without it says how many it leaves). What only the producer
reads (the review pages and their assets, catalog.json: publishing's PRODUCER_ONLY) stays home unless asked for.
rclone does the transport (rclone.py).

What changed is decided from a manifest kept on the remote (MANIFEST: each file's size and SHA-256 as last
sent), not from rclone's comparison: WebDAV and SFTP remotes give rclone no hashes, and often no usable
modification times, so it would compare sizes only and miss an edited page of the same length. The manifest
is rewritten as files finish, so a deploy killed at any point (SIGKILL included) is finished by a rerun that
sends only what the remote does not hold yet.

The site's lock is held only while the site is read (each file's digest and identity, the feeds' bytes), never
while waiting on the network: a build may publish during a slow upload. What is sent is what was read: the feeds
from memory, and any other file is vouched for in the manifest only if it is still the file that was read (a
build replaces files by renaming new ones into place), else the next deploy sends it again."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlparse

from ..errors import PublishError
from ..files import TEMPORARY_GLOB
from ..publishing.lock import LOCK_NAME, site_lock
from ..publishing.search import ENTRY as SEARCH_ENTRY
from ..publishing.search import FOLDER as SEARCH_FOLDER
from ..publishing.search import MANIFEST as SEARCH_SHARDS
from ..publishing.site import producer_only
from .rclone import Rclone, Stats

MANIFEST = ".podcast-deploy.json"
"""On the remote, beside feed.xml: what earlier deploys sent there ({"files": {path: {size, sha256}}})."""
FEED = "feed.xml"
STAGES = ("media, sidecars and assets", "search index entries", "pages", "feeds")
"""The order files are sent in: everything a page or a feed points to (audio, sidecars, artwork, the pages'
scripts and styles, the search index's chunks; catalog.json too when asked for), then each search index shard's
entry file (naming its chunks), then the pages and pagefind/shards.json (naming the shards), then the feeds
(feed.xml last of all): the order the build writes the index in."""
MANIFEST_EVERY_S = 2.0
"""While files finish, the manifest on the remote is rewritten at most this often (at rclone's next progress
report, every 0.5 s) and after each stage."""


@dataclass(frozen=True)
class Record:
    """One file's size and content digest, as in the site and in the manifest."""

    size: int
    sha256: str


@dataclass(frozen=True)
class Plan:
    """What a deploy does, decided before anything is sent."""

    send: tuple[tuple[str, ...], ...]
    """Paths to send, per stage (STAGES), in that order."""
    remove: tuple[str, ...]
    """Paths to delete after the feeds are in place (only with --delete)."""
    unchanged: int
    """Files of the site the remote already holds byte for byte."""
    left: tuple[str, ...] = ()
    """Paths earlier deploys sent that this one does not (the site no longer has them, or they stay home now) and
    leaves on the remote: without --delete, what it would remove."""
    kept_home: tuple[str, ...] = ()
    """The site's producer-only files, not sent (not asked for)."""

    @property
    def sent(self) -> list[str]:
        return [path for stage in self.send for path in stage]


@dataclass(frozen=True)
class Report:
    """What a deploy did (or, dry, would do)."""

    plan: Plan
    sizes: dict[str, int]
    """Size of every file of the site."""
    dest: str
    """The destination as it may be printed (credentials hidden)."""
    seconds: float

    @property
    def bytes_sent(self) -> int:
        return sum(self.sizes[p] for p in self.plan.sent)


def audience_feed(path: str) -> bool:
    """A feed per audience (feeds/NAME.xml)."""
    return path.startswith("feeds/") and path.endswith(".xml") and path.count("/") == 1


def is_feed(path: str) -> bool:
    """The main feed or a feed per audience: read into memory, sent last and replaced whole."""
    return path == FEED or audience_feed(path)


def search_entry(path: str) -> bool:
    """A search index shard's entry file (pagefind/090-099/pagefind-entry.json): it names the shard's chunks."""
    return path.startswith(f"{SEARCH_FOLDER}/") and path.endswith(f"/{SEARCH_ENTRY}")


def stage_of(path: str) -> int:
    """0 for media, sidecars, artwork, the pages' assets and the search index's chunks; 1 for the search index's
    entry files; 2 for pages and the list of the index's shards; 3 for the feeds."""
    if is_feed(path):
        return 3
    if path.endswith((".html", ".htm")) or path == SEARCH_SHARDS:
        return 2
    return 1 if search_entry(path) else 0


def send_order(path: str) -> tuple[bool, str]:
    """Within a stage, by path, but feed.xml last of all: the feeds per audience go before it."""
    return path == FEED, path


def kind_of(path: str) -> str:
    """What a file of the site is, as the dry run names it."""
    if kind := producer_only(path):
        return kind
    if is_feed(path):
        return "feed"
    if path.endswith((".html", ".htm")):
        return "page"
    if path.endswith((".mp3", ".opus")):
        return "audio"
    if path.startswith("episodes/"):
        return "sidecar"
    if path.startswith(f"{SEARCH_FOLDER}/"):
        return "search index"
    if path.startswith("summaries."):
        return "summaries"
    return "asset" if path.startswith("assets/") else "artwork" if path.startswith("artwork.") else "file"


Identity = tuple[int, int, int, int]
"""A file's device, inode, size and modification time: a file a build replaced since has another."""


def identity(st: os.stat_result) -> Identity:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


@dataclass(frozen=True)
class Snapshot:
    """The site as read under its lock."""

    records: dict[str, Record]
    """Every file of the site (not the build's lock or temporary files) with its size and SHA-256."""
    identities: dict[str, Identity]
    """Each of those files as it was read."""
    feeds: dict[str, bytes]
    """Each feed's bytes as read (and hashed), by path (feed.xml, feeds/NAME.xml): the feeds that are sent."""

    def still_read(self, site: Path, path: str) -> bool:
        """Whether the site's file at `path` is still the one that was read."""
        try:
            return identity((site / path).stat(follow_symlinks=False)) == self.identities.get(path)
        except OSError:
            return False


def symbolic_links(site: Path) -> list[str]:
    """The site paths that are symbolic links (to files or folders; links inside linked folders are not
    followed)."""
    links = []
    for folder, dirs, files in os.walk(site):
        links += [(Path(folder) / name).relative_to(site).as_posix()
                  for name in dirs + files if os.path.islink(os.path.join(folder, name))]
    return sorted(links)


def read_site(site: Path) -> Snapshot:
    """Every file of the site with its digest and identity, and the feeds' bytes. A symbolic link is refused
    whole, naming it: the build never makes one, and rclone cannot send one as the file it points to."""
    links = symbolic_links(site)
    if links:
        named = ", ".join(links[:5]) + (f" and {len(links) - 5} more" if len(links) > 5 else "")
        raise PublishError(f"{site}: symbolic links in the site ({named}); the build never makes one, so replace "
                           f"each with the file or remove it; nothing was sent")
    records, identities, feeds = {}, {}, {}
    for folder, _, files in os.walk(site):
        for name in files:
            path = Path(folder) / name
            relative = path.relative_to(site).as_posix()
            if not path.is_file() or relative == LOCK_NAME or path.match(TEMPORARY_GLOB):
                continue
            with path.open("rb") as f:
                st = os.fstat(f.fileno())
                if is_feed(relative):
                    feeds[relative] = f.read()
                    digest = hashlib.sha256(feeds[relative])
                else:
                    digest = hashlib.file_digest(f, "sha256")
            records[relative], identities[relative] = Record(st.st_size, digest.hexdigest()), identity(st)
    return Snapshot(dict(sorted(records.items())), identities, feeds)


def feed_paths(feed: bytes, path: str = FEED) -> set[str]:
    """The site paths a feed at `path` in the site names (enclosures, alternate enclosures, chapters, transcripts,
    images, episode pages): every URL in it under the site's address (the feed's own, atom:link rel="self",
    without `path`: feeds/highlights.xml names episodes/ beside feeds/), also behind an analytics prefix; a
    folder's URL names its index.html."""
    root = ET.fromstring(feed)
    self_links = [e.get("href", "") for e in root.iter("{http://www.w3.org/2005/Atom}link") if e.get("rel") == "self"]
    if not self_links:
        return set()
    own = self_links[0]
    base = own.removesuffix(path) if own.endswith("/" + path) else own.rsplit("/", 1)[0] + "/"
    bare = base.split("://", 1)[-1]  # media behind an analytics prefix keep the base without its scheme
    urls = {v.strip() for e in root.iter() for v in [*e.attrib.values(), e.text or ""]
            if v.strip().startswith(("http://", "https://")) and bare in v and not any(c.isspace() for c in v.strip())}
    paths = {unquote(urlparse("//" + url[url.index(bare):]).path).removeprefix(unquote(urlparse(base).path))
             for url in urls}
    return {p + "index.html" if p == "" or p.endswith("/") else p for p in paths}


def protected_paths(site: Path, feeds: dict[str, bytes]) -> set[str]:
    """Every site path any of the feeds (main and per audience) names: --delete never removes one."""
    paths = set()
    for path, feed in feeds.items():
        try:
            paths |= feed_paths(feed, path)
        except ET.ParseError as e:
            raise PublishError(f"{site / path}: not a readable feed ({e}); rebuild the site") from None
    return paths


def parse_manifest(data: bytes) -> dict[str, Record]:
    """The manifest's records; an unreadable one counts as empty (everything is sent again, nothing lost)."""
    try:
        files = json.loads(data)["files"]
        return {path: Record(int(r["size"]), str(r["sha256"])) for path, r in files.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def manifest_bytes(records: dict[str, Record]) -> bytes:
    files = {path: {"size": r.size, "sha256": r.sha256} for path, r in sorted(records.items())}
    return json.dumps({"generator": "podcast deploy", "files": files}, indent=1).encode()


def held(manifest: dict[str, Record], remote_sizes: dict[str, int]) -> dict[str, Record]:
    """The manifest's records the remote still bears out: the file is there, at the recorded size."""
    return {p: r for p, r in manifest.items() if remote_sizes.get(p) == r.size}


def make_plan(local: dict[str, Record], remote: dict[str, Record], protected: set[str], delete: bool,
              kept_home: tuple[str, ...] = ()) -> Plan:
    """Send every file to publish (local) the remote does not hold with the same digest, by stage; with delete,
    remove the files earlier deploys sent that are not to be published, except those the new feeds name.

    Only files the manifest records are ever removed: whatever else lives on the remote was put there by
    other means and is not ours to delete."""
    changed = [p for p, r in local.items() if remote.get(p) != r]
    send = tuple(tuple(sorted((p for p in changed if stage_of(p) == s), key=send_order)) for s in range(len(STAGES)))
    left = tuple(sorted(p for p in remote if p not in local and p not in protected))
    return Plan(send=send, remove=left if delete else (), unchanged=len(local) - len(changed),
                left=() if delete else left, kept_home=kept_home)


class Progress:
    """Callbacks a deploy reports to (the command draws them as a bar or not at all)."""

    def start(self, plan: Plan, sizes: dict[str, int]) -> None: ...
    def advance(self, bytes_sent: int, files_sent: int) -> None: ...
    def close(self) -> None: ...


class _Sender:
    """Sends the plan's stages in order, keeping the remote's manifest true as files finish."""

    def __init__(self, rclone: Rclone, site: Path, snapshot: Snapshot, manifest: dict[str, Record],
                 progress: Progress, clock: Callable[[], float] = time.monotonic):
        self.rclone, self.site, self.snapshot, self.manifest = rclone, site, snapshot, manifest
        self.local = snapshot.records
        self.progress, self.clock = progress, clock
        self.bytes_done = self.files_done = 0
        self.dirty = False
        self.last_write = clock()

    def write_manifest(self) -> None:
        self.rclone.write(MANIFEST, manifest_bytes(self.manifest))
        self.dirty, self.last_write = False, self.clock()

    def stage(self, paths: tuple[str, ...]) -> None:
        if not paths:
            return
        if any(p in self.manifest for p in paths):  # an overwrite cut short must not pass for the old file
            for p in paths:
                self.manifest.pop(p, None)
            self.write_manifest()
        before_bytes, before_files = self.bytes_done, self.files_done

        def on_stats(stats: Stats) -> None:
            self.progress.advance(before_bytes + stats.bytes, before_files + stats.transfers)
            if self.dirty and self.clock() - self.last_write >= MANIFEST_EVERY_S:
                self.write_manifest()

        def on_copied(path: str) -> None:
            if path in self.local and self.snapshot.still_read(self.site, path):
                self.manifest[path] = self.local[path]
                self.dirty = True

        try:
            self.rclone.copy(self.site, list(paths), on_stats, on_copied)
        except PublishError:
            if self.dirty:  # record what did arrive, if the remote still answers
                with contextlib.suppress(PublishError):
                    self.write_manifest()
            raise
        if self.dirty:
            self.write_manifest()
        self._done(paths)

    def replace_feeds(self, paths: tuple[str, ...]) -> None:
        """Send each feed as it was read, whole, renamed into place, in order: a listener fetches the old feed or
        the new, never half."""
        for path in paths:
            self.rclone.write(path, self.snapshot.feeds[path])
            self.manifest[path] = self.local[path]
            self._done((path,))
        if paths:
            self.write_manifest()

    def _done(self, paths: tuple[str, ...]) -> None:
        self.bytes_done += sum(self.local[p].size for p in paths)
        self.files_done += len(paths)
        self.progress.advance(self.bytes_done, self.files_done)


def deploy(site: Path, dest: str, dry_run: bool = False, delete: bool = False,
           progress: Progress | None = None, producer_files: bool = False) -> Report:
    """Publish the built site at `site` to `dest` (see the module's docstring): the site is read under its
    lock, so no build changes a file while it is read; the remote is reached and written without it.
    producer_files: send the producer-only files too (the review pages and their assets, catalog.json)."""
    if not (site / FEED).is_file():
        raise PublishError(f"{site}: no {FEED} here; build an episode into this site first")
    started = time.monotonic()
    progress = progress or Progress()
    rclone = Rclone(dest)
    with site_lock(site):
        snapshot = read_site(site)
    if FEED not in snapshot.records:
        raise PublishError(f"{site}: no {FEED} here; build an episode into this site first")
    protected = protected_paths(site, snapshot.feeds)
    local = {p: r for p, r in snapshot.records.items() if producer_files or not producer_only(p)}
    kept_home = tuple(p for p in snapshot.records if p not in local)
    remote_sizes = rclone.list_sizes()
    manifest = held(parse_manifest(rclone.read(MANIFEST)) if MANIFEST in remote_sizes else {}, remote_sizes)
    plan = make_plan(local, manifest, protected | {MANIFEST}, delete, kept_home)
    sizes = {p: r.size for p, r in snapshot.records.items()}
    if dry_run:
        return Report(plan, sizes, rclone.display, time.monotonic() - started)
    progress.start(plan, sizes)
    try:
        sender = _Sender(rclone, site, snapshot, manifest, progress)
        media, search_entries, pages, feeds = plan.send
        try:
            sender.stage(media)
            sender.stage(search_entries)
            sender.stage(pages)
            sender.replace_feeds(feeds)
        except PublishError as e:
            raise PublishError(f"{e}; the remote still serves whole feeds naming only files it holds; "
                               f"deploy again to finish") from None
        if plan.remove:
            rclone.delete(list(plan.remove))
            for path in plan.remove:
                manifest.pop(path, None)
            sender.write_manifest()
    finally:
        progress.close()
    return Report(plan, sizes, rclone.display, time.monotonic() - started)
