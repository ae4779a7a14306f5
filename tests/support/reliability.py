"""What the reliability tests share: a show with two real episodes and a warm segment cache, builds run as
real `podcast build` processes, and the check that a site is consistent as a podcast app would find it."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

import feedparser
import numpy as np

from podcast.config import Disclosure

from tests.support.files import private_copy
from tests.support.show import an99_excerpt, copy_show

BASE_URL = "https://alignment-newsletter.example/podcast/"
HOSTILE_TITLE = 'AN #99: "Efficiency" & <b>bold</b> < > 🤖'


def write_episode(folder: Path, number: int, text: str, title: str, description: str) -> Path:
    """An episode folder; title and description are written as TOML basic strings (escaped by json)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "issue.txt").exists():
        (folder / "issue.txt").write_text(text, encoding="utf-8")
    (folder / "episode.toml").write_text(
        f"number = {number}\ntitle = {json.dumps(title, ensure_ascii=False)}\ndate = 2020-05-{number - 86:02d}\n"
        f"description = {json.dumps(description, ensure_ascii=False)}\n", encoding="utf-8")
    return folder


@dataclass
class Show:
    root: Path
    site: Path
    cache: Path
    episodes: dict[int, Path]
    warm_build_s: float
    """Wall time of one warm `podcast build` of episode 99 with a new description (interpreter start included)."""

    def build_command(self, *numbers: int, site: Path | None = None) -> list[str]:
        return [sys.executable, "-m", "podcast", "build", *(str(self.episodes[n]) for n in numbers),
                "--site", str(site or self.site), "--cache", str(self.cache)]

    def build(self, *numbers: int, site: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(self.build_command(*numbers, site=site), cwd=self.root, capture_output=True,
                              text=True, timeout=600)

    def copy_to(self, target: Path) -> "Show":
        """The whole show (episodes, site, cache) copied for a test that changes it."""
        private_copy(self.root, target)
        return replace(self, root=target, site=target / self.site.relative_to(self.root),
                       cache=target / self.cache.relative_to(self.root),
                       episodes={n: target / p.relative_to(self.root) for n, p in self.episodes.items()})

    def describe(self, number: int, description: str) -> None:
        """Change what the next build publishes (ID3 comment and feed), without changing what is spoken."""
        title = HOSTILE_TITLE if number == 99 else f"AN #{number}: Another 🤖"
        write_episode(self.episodes[number], number, "", title, description)


def make_show(root: Path) -> Show:
    """Episodes 99 (hostile title) and 100 built into a fresh site, leaving the segment cache warm."""
    copy_show(root)
    text = an99_excerpt()
    episodes = {99: write_episode(root / "episodes" / "099", 99, text, HOSTILE_TITLE, "first"),
                100: write_episode(root / "episodes" / "100", 100, text.replace("AI and Efficiency", "AI and Thrift"),
                                   "AN #100: Another 🤖", "first")}
    show = Show(root, root / "public", root / "cache", episodes, 0.0)
    done = show.build(99, 100)
    assert done.returncode == 0, done.stderr
    show.describe(99, "warm")
    started = time.perf_counter()
    done = show.build(99)
    show.warm_build_s = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    return show


def local(site: Path, url: str) -> Path:
    assert url.startswith(BASE_URL), url
    path = site / url.removeprefix(BASE_URL)
    return path / "index.html" if url.endswith("/") else path


def check_site(site: Path) -> dict:
    """Assert the site is one a podcast app can use: feed.xml parses (feedparser, no error), every URL it
    gives under the base URL names an existing file, every enclosure has its stated length, every JSON
    sidecar parses, catalog.json parses and agrees with the feed. Returns {episode number: (guid,
    description as episode.toml gives it: the feed's, the statement of who reads the episode taken off)}."""
    data = (site / "feed.xml").read_bytes()
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.bozo_exception
    for element in ET.fromstring(data).iter():
        for value in [*element.attrib.values(), element.text or ""]:
            if value.strip().startswith(BASE_URL):
                path = local(site, value.strip())
                assert path.is_file(), f"feed.xml names {value} but {path} is missing"
                if path.suffix == ".json":
                    json.loads(path.read_bytes())
                elif path.suffix == ".vtt":
                    assert path.read_text(encoding="utf-8").startswith("WEBVTT")
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        assert local(site, enclosure.href).stat().st_size == int(enclosure.length)
    catalog = json.loads((site / "catalog.json").read_bytes())
    in_catalog = {e["number"]: e["guid"] for e in catalog["episodes"]}
    in_feed = {int(e.itunes_episode): e.id for e in feed.entries}
    assert in_feed.items() <= in_catalog.items()
    return {int(e.itunes_episode): (e.id, e.summary.removesuffix(f" {Disclosure.synthetic}")) for e in feed.entries}


def check_cache(cache: Path) -> int:
    """Every cache entry on disk is whole: it loads, and a digest recomputed here over its name (the key),
    samples and metadata equals the one it carries. Returns the number of entries."""
    entries = [p for p in cache.rglob("*.npz") if not p.name.startswith(".")]
    for path in entries:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            h = hashlib.sha256(path.stem.encode("ascii"))
            h.update(np.ascontiguousarray(data["samples"], "<f4").tobytes())
            h.update(json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
            assert h.hexdigest() == str(data["digest"]), path
    return len(entries)


def temporary_files(site: Path) -> list[Path]:
    return sorted(site.rglob(".*.tmp"))
