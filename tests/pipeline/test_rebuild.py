"""Rebuilding through the real CLI: nothing changed means nothing done; one edit re-voices one segment; a
new take makes the episode stale; `podcast cache prune` removes exactly what no episode uses."""
import json
import os
import re
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest

from mutagen.id3 import ID3

from tests.support.audio import review_wave_levels
from tests.support.files import files_state, private_copy
from tests.support.show import an99_excerpt, copy_show, make_episode, run_podcast

pytestmark = pytest.mark.slow

EDITED = "BERI seeking new university collaborators"


def build_options(root: Path) -> list[str]:
    return ["--site", str(root / "public"), "--cache", str(root / "cache"), "--jobs", "2"]


def own_copy(show, tmp_path) -> tuple[Path, list[str]]:
    """The built show copied for a test that changes it: (episode folder, build options). The copy's cache is
    its own: the original show's record of what it uses (which would keep all of it from a prune) stays behind."""
    root = private_copy(show[0].parents[1], tmp_path / "show")
    shutil.rmtree(root / "cache" / "shows")
    return root / "episodes" / "099", build_options(root)


@pytest.fixture(scope="module")
def show(tmp_path_factory):
    """The excerpt of AN #99 built once, with a cache of its own: (episode folder, build options)."""
    root = copy_show(tmp_path_factory.mktemp("show"))
    episode = make_episode(root / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    options = build_options(root)
    done = run_podcast("build", str(episode), *options)
    assert done.returncode == 0, done.stderr
    # Not on a terminal: progress comes as plain log lines, ending with the totals.
    assert re.search(r"voicing episode 99: (\d+)/\1 segments, \d+ s of audio in [\d.]+ s", done.stderr), done.stderr
    assert "0 from cache" in done.stderr
    return episode, options


def test_rebuild_with_nothing_changed_does_nothing_and_says_so(show):
    episode, options = show
    root = episode.parents[1]
    before = files_state(root / "public"), files_state(root / "cache")
    done = run_podcast("build", str(episode), *options)
    assert done.returncode == 0, done.stderr
    assert "episode 99 is up to date: nothing synthesized or encoded" in done.stdout
    assert "synthesized" not in done.stderr and "voicing" not in done.stderr
    assert (files_state(root / "public"), files_state(root / "cache")) == before


def test_new_take_makes_the_episode_stale(show, tmp_path):
    episode, options = own_copy(show, tmp_path)
    moved = run_podcast("build", str(episode), *options)
    assert "episode 99 is up to date" in moved.stdout, moved.stderr  # the show folder moved, its contents did not
    takes = episode / "recordings"
    takes.mkdir()
    with wave.open(str(takes / "099-00-intro.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(24000)
        w.writeframes((np.sin(np.arange(24000) / 10) * 8000).astype("<i2").tobytes())
    done = run_podcast("build", str(episode), *options)
    assert done.returncode == 0, done.stderr
    assert "built episode 99" in done.stdout


def test_editing_one_segment_revoices_only_it_and_prune_drops_its_old_audio(show, tmp_path):
    episode, options = own_copy(show, tmp_path)
    cache = Path(options[options.index("--cache") + 1])
    entries_before = {p.name for p in cache.rglob("*.npz")}
    issue = episode / "issue.txt"
    text = issue.read_text(encoding="utf-8")
    assert EDITED in text
    issue.write_text(text.replace(EDITED, EDITED + " in Berkeley"), encoding="utf-8")
    done = run_podcast("build", str(episode), *options)
    assert done.returncode == 0, done.stderr
    found = re.search(r"episode 99: (\d+) segments \((\d+) synthesized in [\d.]+ s, (\d+) from cache\)", done.stderr)
    assert found, done.stderr
    total, synthesized, cached = map(int, found.groups())
    assert synthesized == 1 and cached == total - 1
    # the edited segment, and the one sentence in it that changed
    assert len({p.name for p in cache.rglob("*.npz")} - entries_before) == 2

    cache_option = ["--cache", str(cache)]
    dry = run_podcast("cache", "prune", *cache_option, "--dry-run", str(episode))
    assert dry.returncode == 0, dry.stderr
    assert "would remove 2 unused entries" in dry.stdout
    assert len(list(cache.rglob("*.npz"))) == len(entries_before) + 2
    pruned = run_podcast("cache", "prune", *cache_option, str(episode))
    assert pruned.returncode == 0, pruned.stderr
    assert "removed 2 unused entries" in pruned.stdout
    assert f"kept {len(entries_before)} (segments and their sentences) used by 1 episode" in pruned.stdout
    assert len(list(cache.rglob("*.npz"))) == len(entries_before)

    os.utime(issue)  # same content: still up to date, and every segment it needs is still cached
    again = run_podcast("build", str(episode), *options)
    assert "is up to date" in again.stdout, again.stderr


def test_one_edit_levels_measures_and_encodes_only_its_piece(show, tmp_path):
    """The other pieces are taken from the cache as they are: not rewritten, not measured again (their
    true peaks and loudness are not re-read), and the review page's waveform is their cached envelopes: made
    silent here in every cached entry, it stays silent outside the edited chapter (no MP3 decoded for it). Only
    the edited segment's loudness is measured: one new entry in the loudness steps kept beside the pieces."""
    episode, options = own_copy(show, tmp_path)
    pieces = Path(options[options.index("--cache") + 1]) / "pieces"
    for layout in (p for p in pieces.rglob("*.json") if p.relative_to(pieces).parts[0] != "steps"):
        meta = json.loads(layout.read_text(encoding="utf-8"))
        layout.write_text(json.dumps({**meta, "envelope": [0.0] * len(meta["envelope"])}), encoding="utf-8")
    before = files_state(pieces)
    issue = episode / "issue.txt"
    issue.write_text(issue.read_text(encoding="utf-8").replace(EDITED, EDITED + " in Berkeley"), encoding="utf-8")
    done = run_podcast("build", str(episode), *options)
    assert done.returncode == 0, done.stderr
    assert re.search(r"; 1 of \d+ pieces encoded", done.stderr), done.stderr
    after = files_state(pieces)
    assert {k: after[k] for k in before} == before
    new = [Path(k) for k in set(after) - set(before)]
    assert sorted(k.suffix for k in new if k.parts[0] != "steps") == [".json", ".json", ".mp3", ".opus"]
    assert len([k for k in new if k.parts[0] == "steps"]) == 1

    site = Path(options[options.index("--site") + 1])
    [mp3] = site.glob("episodes/099/*.mp3")
    chapters = sorted(ID3(mp3).getall("CHAP"), key=lambda c: c.start_time)
    [edited] = [c for c in chapters if str(c.sub_frames["TIT2"]) == EDITED + " in Berkeley"]
    levels = review_wave_levels(site / "episodes" / "099" / "review.html")
    bar_ms = chapters[-1].end_time / len(levels)
    heard = [i for i, v in enumerate(levels) if v > 0]
    assert heard and edited.start_time <= heard[0] * bar_ms and (heard[-1] + 1) * bar_ms <= edited.end_time + bar_ms


def test_prune_of_a_bad_episode_removes_nothing(show, tmp_path):
    episode, options = show
    cache = Path(options[options.index("--cache") + 1])
    before = files_state(cache)
    bad = make_episode(tmp_path / "bad", 5, "No items here. Just words.")
    done = run_podcast("cache", "prune", "--cache", str(cache), str(episode), str(bad))
    assert done.returncode == 1 and "no items found" in done.stderr and "Traceback" not in done.stderr
    assert files_state(cache) == before


def test_jobs_must_be_a_positive_number(show):
    episode, options = show
    done = run_podcast("build", str(episode), "--jobs", "0")
    assert done.returncode == 2 and "--jobs" in done.stderr


def test_episodes_built_together_match_episodes_built_alone(show, tmp_path):
    """Several episodes at once: mastered in worker processes beside the voicing, with the same bytes."""
    episode, options = own_copy(show, tmp_path)
    cache = ["--cache", options[options.index("--cache") + 1]]
    text = an99_excerpt()
    folders = [make_episode(tmp_path / str(n), n, text.replace("AI and Efficiency", f"AI and Efficiency {n}"))
               for n in (101, 102)]
    together = run_podcast("build", *map(str, folders), "--site", str(tmp_path / "together"), *cache, "--jobs", "2",
                           cwd=episode.parents[1])
    assert together.returncode == 0, together.stderr
    assert together.stdout.count("built episode") == 2
    alone = run_podcast("build", str(folders[0]), "--site", str(tmp_path / "alone"), *cache, "--jobs", "2",
                        cwd=episode.parents[1])
    assert alone.returncode == 0, alone.stderr
    [mp3] = (tmp_path / "alone").glob("episodes/101/*.mp3")
    assert (tmp_path / "together" / mp3.relative_to(tmp_path / "alone")).read_bytes() == mp3.read_bytes()
