"""The search index (SITE/pagefind/): Pagefind, the binary in pagefind-bin's wheel, run by the build over one
small HTML page per record (templates/search-record.html, written to a temporary folder, never published).

A record is a chapter of an episode: each item (its title, authors, summarizers, section, episode, and what the
episode says in its chapter, the summary and opinions, from the transcript), and the opening and closing, so the
whole transcript is searched. Its URL is the moment it starts (moments.py). Pagefind makes one record per page,
which is why the records are pages of their own rather than the episode pages: a search then lists the item, not
the episode it is in.

Pagefind indexes all it is given each time; to keep a one-edit rebuild of a large archive cheap, the index is
sharded by issue number, ten numbers a shard (pagefind/090-099/, each a whole Pagefind bundle), and a shard is
indexed again only when what its records are made from changed (its digest in pagefind/shards.json, which also
lists the shards for assets/search.js to merge). Files are renamed into place, each shard's entry file after its
chunks and the list last; what a shard no longer uses is removed after the feed is in place."""
from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

import orjson

from ..config import Show
from ..errors import PublishError
from .catalog import Catalog, EpisodeEntry, catalog_json
from .moments import moment_link
from .summaries import SECTION_SEPARATOR
from .templating import environment, render
from .transcript import TIME_TOLERANCE_S, Sentence, read_sentences

FOLDER = "pagefind"
MANIFEST = f"{FOLDER}/shards.json"
FORMAT = 1
"""Bump when what a record holds changes: every shard is then indexed again."""
SHARD_ISSUES = 10
"""Issue numbers a shard holds: a rebuild indexes ten episodes again at most, and a search merges one shard per
ten issues (twenty at 200 episodes)."""
BUNDLE = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind", "*.pf_meta", "index/*", "fragment/*", "filter/*")
"""What of Pagefind's output the site serves (its own search UIs are left out: assets/search.js is ours)."""
ENTRY = "pagefind-entry.json"
"""Each shard's entry file: written after the chunks it names."""


@dataclass(frozen=True)
class Record:
    """One chapter of an episode, as the search finds and shows it."""

    url: str
    """The moment it starts, under the site: episodes/NNN/#t=SECONDS."""
    title: str
    """The item's title; the chapter's for the opening and closing."""
    episode: str
    start_s: float
    section: str = ""
    authors: str = ""
    summarized_by: str = ""
    text: str = ""
    """What the episode says in the chapter."""


def chapter_texts(entry: EpisodeEntry, sentences: list[Sentence]) -> list[str]:
    """The words of each chapter of the entry (in time order): the sentences that start in it."""
    starts = sorted(c.start_s for c in entry.chapters)
    texts: list[list[str]] = [[] for _ in starts]
    for sentence in sentences if starts else []:
        texts[max(0, bisect_right(starts, sentence.start_s + TIME_TOLERANCE_S) - 1)].append(sentence.text)
    return [" ".join(words) for words in texts]


def episode_records(show: Show, entry: EpisodeEntry, sentences: list[Sentence]) -> list[Record]:
    """A record per chapter of the episode, each item's with what the catalog knows of it."""
    reads = {id(chapter): item for item, chapter in entry.item_chapters() if chapter is not None}
    chapters = sorted(entry.chapters, key=lambda c: c.start_s)
    records = []
    for chapter, text in zip(chapters, chapter_texts(entry, sentences)):
        record = Record(moment_link(entry.number, chapter.start_s), chapter.title, entry.title, chapter.start_s, text=text)
        if (item := reads.get(id(chapter))) is not None:
            record = Record(record.url, item.title, entry.title, chapter.start_s, SECTION_SEPARATOR.join(item.section),
                            item.authors or "", ", ".join(show.person(n) for n in item.summarizers), text)
        records.append(record)
    return records


def shard_of(number: int) -> str:
    """The shard an issue's records are in: "090-099"."""
    low = number // SHARD_ISSUES * SHARD_ISSUES
    return f"{low:03d}-{low + SHARD_ISSUES - 1:03d}"


def language_of(show: Show) -> str:
    """The index's language, as Pagefind takes it (ISO 639-1: "en" for "en-US")."""
    return show.language.split("-")[0].lower()


def shard_digest(show: Show, entries: list[EpisodeEntry]) -> str:
    """Digest of what a shard's records are made from: its catalog entries (whose transcript paths carry their
    content's digest), the show's language and names, the record page and Pagefind's version."""
    h = hashlib.sha256(f"{FORMAT}\n{version('pagefind-bin')}\n{show.language}\n".encode())
    h.update(environment().loader.get_source(environment(), "search-record.html")[0].encode())
    h.update(catalog_json([show.people, sorted(entries, key=lambda e: e.number)], orjson.OPT_SORT_KEYS))
    return h.hexdigest()


def read_manifest(site: Path) -> dict[str, str]:
    """Shard -> digest of the index in the site; empty when there is none or it does not parse (all is indexed)."""
    try:
        return dict(json.loads((site / MANIFEST).read_text(encoding="utf-8"))["digests"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def run_pagefind(pages: Path, out: Path, language: str) -> None:
    """Pagefind over the record pages in `pages`, its bundle into `out`."""
    from pagefind_bin import get_executable

    try:
        done = subprocess.run([str(get_executable()), "--site", str(pages), "--output-path", str(out),
                               "--force-language", language, "--silent"], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise PublishError(f"pagefind: cannot index the search records ({e})") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise PublishError(f"pagefind: {said[-1] if said else f'exit {done.returncode}'}; the site is unchanged")


def bundle_files(out: Path, shard: str) -> dict[str, bytes]:
    """Path under the site -> bytes of the bundle Pagefind wrote into `out`, its entry file last."""
    files = {}
    for path in sorted(out.rglob("*")):
        name = path.relative_to(out).as_posix()
        if path.is_file() and any(fnmatchcase(name, glob) for glob in BUNDLE):
            files[f"{FOLDER}/{shard}/{name}"] = path.read_bytes()
    return files | {f"{FOLDER}/{shard}/{ENTRY}": (out / ENTRY).read_bytes()}


@dataclass(frozen=True)
class SearchIndex:
    files: dict[str, bytes]
    """Path under the site -> bytes, in the order to write them: what the shards indexed again hold that the site
    does not hold already (a chapter unchanged keeps its fragment, Pagefind's runtime stays the same), then the
    list of shards."""
    indexed: set[str]
    """Every file of the shards indexed again, path under the site."""
    shards: dict[str, str]
    """Every shard of the catalog -> its digest."""

    @cached_property
    def again(self) -> set[str]:
        """The shards indexed again."""
        return {p.split("/")[1] for p in self.indexed}

    def is_current(self, path: str) -> bool:
        """Whether a file under the site's search folder belongs to the index (else it is removed)."""
        parts = path.split("/")
        if path == MANIFEST or path in self.indexed:
            return True
        return len(parts) > 2 and parts[1] in self.shards and parts[1] not in self.again


def unchanged(site: Path, path: str, data: bytes) -> bool:
    target = site / path
    return target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data


def search_index(site: Path, show: Show, catalog: Catalog, transcripts: Mapping[int, Path]) -> SearchIndex:
    """The index's files to write: the shards whose digest changed (or that the site lacks), indexed again, and
    the list of shards. transcripts: each episode's JSON transcript by number (an episode without one is found
    by its items' titles, authors and summarizers)."""
    members: dict[str, list[EpisodeEntry]] = {}
    for entry in catalog.episodes.values():
        members.setdefault(shard_of(entry.number), []).append(entry)
    digests = {shard: shard_digest(show, entries) for shard, entries in sorted(members.items())}
    published = read_manifest(site)
    stale = [shard for shard, digest in digests.items()
             if published.get(shard) != digest or not (site / FOLDER / shard / ENTRY).is_file()]
    indexed: dict[str, bytes] = {}
    for shard in stale:
        with tempfile.TemporaryDirectory(prefix="podcast-search-") as work:
            pages, out = Path(work) / "records", Path(work) / "bundle"
            for entry in members[shard]:
                sentences = [s for _, s in read_sentences(transcripts[entry.number])] if entry.number in transcripts else []
                for i, record in enumerate(episode_records(show, entry, sentences)):
                    page = pages / f"{entry.number:03d}-{i:03d}.html"
                    page.parent.mkdir(parents=True, exist_ok=True)
                    page.write_text(render("search-record.html", record=record, language=language_of(show)),
                                    encoding="utf-8")
            run_pagefind(pages, out, language_of(show))
            indexed |= bundle_files(out, shard)
    files = {path: data for path, data in indexed.items() if not unchanged(site, path, data)}
    manifest = {"format": FORMAT, "shards": list(digests), "digests": digests}
    files[MANIFEST] = (json.dumps(manifest, indent=1) + "\n").encode("utf-8")
    return SearchIndex(files, set(indexed), digests)


def remove_stale_search_files(site: Path, index: SearchIndex) -> None:
    """After the feed is in place: delete what the shards indexed again no longer use."""
    folder = site / FOLDER
    if not folder.is_dir():
        return
    # a shard kept as it was holds only current files: only the shards indexed again, or gone, are looked through
    looked = [p for p in folder.iterdir() if p.is_file() or p.name in index.again or p.name not in index.shards]
    for path in sorted((q for p in looked for q in (p, *p.rglob("*"))), reverse=True):
        if path.is_file() and not index.is_current(path.relative_to(site).as_posix()):
            path.unlink(missing_ok=True)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
