"""`podcast cache prune` never removes what another show uses: the cache is shared by every show on the machine,
each build records which keys its episodes used (per show, under the cache's shows/), and prune keeps what any
show whose episodes still exist needs. Two tiny shows share one cache and are pruned one at a time; a show whose
episodes are gone is forgotten; a record that does not read stops prune before it removes anything."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from podcast.audio import SegmentAudio, SentenceTiming, Source
from podcast.caches import CacheDirs
from podcast.voicing import CacheUsage, SegmentCache

from tests.support.files import files_state
from tests.support.show import copy_show, make_episode, run_podcast

SHARED = "Tiny Paper (Ann Author) (summarized by Rohin): It works. It works well."
"""The highlight both shows say word for word, so both use its cache entries."""


def tiny_show(root: Path, news: str) -> Path:
    """A show with one two-item episode (six short segments): its episode folder."""
    copy_show(root)
    return make_episode(root / "episodes" / "001", 1, f"HIGHLIGHTS {SHARED} NEWS Other Thing (Bob Writer) "
                                                       f"(summarized by Rohin): {news}", "AN #1: Tiny")


def build(episode: Path, cache: Path, site: Path) -> tuple[int, int]:
    """Build through the CLI: (segments synthesized, segments from the cache)."""
    done = run_podcast("build", str(episode), "--cache", str(cache), "--site", str(site), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    found = re.search(r"\((\d+) synthesized in [\d.]+ s, (\d+) from cache\)", done.stderr)
    assert found, done.stderr
    return int(found[1]), int(found[2])


def prune(episode: Path, cache: Path, *options: str) -> str:
    done = run_podcast("cache", "prune", "--cache", str(cache), *options, cwd=episode.parents[1])
    assert done.returncode == 0, done.stderr
    return done.stdout


def entries(cache: Path) -> set[str]:
    return {p.stem for p in (cache / "segments").glob("??/*.npz")}


@pytest.mark.slow
def test_two_shows_sharing_a_cache_pruned_one_at_a_time_each_keep_what_the_other_uses(tmp_path):
    cache = tmp_path / "cache"
    first = tiny_show(tmp_path / "first", "It also works.")
    second = tiny_show(tmp_path / "second", "It works for us too.")
    assert build(first, cache, tmp_path / "first" / "public") == (7, 0)
    assert build(second, cache, tmp_path / "second" / "public") == (1, 6)  # all but its own news item
    both = entries(cache)
    second_uses = CacheUsage(CacheDirs(cache).shows).of(second.parents[1]).keys
    assert second_uses and second_uses <= both

    # The first show edits the highlight both shared, and its own news item: its old news entries are used by
    # no show now, its old highlight entries still by the second.
    issue = first / "issue.txt"
    issue.write_text(issue.read_text().replace("It works well.", "It works very well.").replace(
        "It also works.", "It also works here."), encoding="utf-8")
    assert build(first, cache, tmp_path / "first" / "public") == (2, 5)
    first_uses = CacheUsage(CacheDirs(cache).shows).of(first.parents[1]).keys
    orphans = entries(cache) - first_uses - second_uses
    assert orphans and len(orphans) < len(entries(cache) - first_uses)

    dry = prune(first, cache, "--dry-run")
    assert f"would remove {len(orphans)} unused entries" in dry
    kept_for_second = len(second_uses - first_uses)
    assert f"kept {kept_for_second} more used by 1 other show sharing this cache: {second.parents[1]}" in dry
    assert entries(cache) >= orphans
    assert f"removed {len(orphans)} unused entries" in prune(first, cache)
    assert entries(cache) == first_uses | second_uses

    after_second = prune(second, cache)
    assert "removed 0 unused entries" in after_second
    assert f"kept {len(first_uses - second_uses)} more used by 1 other show sharing this cache" in after_second
    assert entries(cache) == first_uses | second_uses

    # Each show's every segment is still in the cache: built into a fresh site, nothing is voiced.
    assert build(first, cache, tmp_path / "first-again") == (0, 7)
    assert build(second, cache, tmp_path / "second-again") == (0, 7)


def fake_entries(cache: SegmentCache, keys: set[str]) -> None:
    """Entries written through the cache's own API (their audio is never played here)."""
    for key in keys:
        cache.put(key, SegmentAudio("x", np.zeros(240, np.float32), 24000, (SentenceTiming("x", 0.0, 0.01),),
                                    Source.TTS, "test"))


def test_a_show_whose_episodes_are_gone_is_forgotten_and_needs_nothing(tmp_path):
    cache_root = tmp_path / "cache"
    dirs = CacheDirs(cache_root)
    show = tiny_show(tmp_path / "show", "It also works.")
    gone = make_episode(tmp_path / "gone" / "episodes" / "001", 1, "x")
    kept_by = make_episode(tmp_path / "other" / "episodes" / "007", 7, "x")
    usage = CacheUsage(dirs.shows)
    usage.record(tmp_path / "gone", {gone: {"a" * 64, "b" * 64}})
    usage.record(tmp_path / "other", {kept_by: {"c" * 64}})
    fake_entries(SegmentCache(dirs.segments), {"a" * 64, "b" * 64, "c" * 64})
    shutil.rmtree(tmp_path / "gone")

    dry = prune(show, cache_root, "--dry-run")
    assert "would remove 2 unused entries" in dry
    assert f"kept 1 more used by 1 other show sharing this cache: {tmp_path / 'other'}" in dry
    assert f"would forget 1 other show whose episode folders are gone: {tmp_path / 'gone'}" in dry
    assert len(usage.shows()) == 2
    done = prune(show, cache_root)
    assert "removed 2 unused entries" in done and "forgot 1 other show" in done
    assert entries(cache_root) == {"c" * 64}
    assert sorted(u.show for u in usage.shows()) == sorted([(tmp_path / "other").resolve(),
                                                            (tmp_path / "show").resolve()])
    assert usage.of(tmp_path / "show").episodes.keys() == {show.resolve()}  # prune records what it kept


def test_a_record_that_does_not_read_stops_prune_before_anything_is_removed(tmp_path):
    cache_root = tmp_path / "cache"
    dirs = CacheDirs(cache_root)
    show = tiny_show(tmp_path / "show", "It also works.")
    fake_entries(SegmentCache(dirs.segments), {"d" * 64})
    bad = dirs.shows / "0123.json"
    bad.parent.mkdir(parents=True)
    bad.write_text(json.dumps({"format": 1, "show": "/elsewhere"}))
    before = files_state(cache_root)
    done = run_podcast("cache", "prune", "--cache", str(cache_root), cwd=show.parents[1])
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr == (f"podcast: error: {bad}: is not a record of a show using this cache ('episodes'); "
                           f"remove it to forget that show (its entries may then be pruned)\n")
    assert files_state(cache_root) == before
