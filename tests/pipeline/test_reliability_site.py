"""Interruptions, concurrent builds and disk trouble: real `podcast build` processes killed, raced and starved
of disk; after each, the site is checked as a podcast app reads it (feedparser) and nothing published is lost."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from podcast.errors import PublishError
from podcast.publishing.lock import site_lock

from tests.support.reliability import check_cache, check_site, make_show, temporary_files
from tests.support.files import snapshot

pytestmark = pytest.mark.slow

KILLS = 20
RACES = 2


@pytest.fixture(scope="module")
def show(tmp_path_factory):
    return make_show(tmp_path_factory.mktemp("reliability"))


def publishing_started(site: Path, pid: int) -> bool:
    """The build holds the site lock (it writes its pid there when it starts publishing)."""
    try:
        return (site / ".lock").read_text().strip() == str(pid)
    except OSError:
        return False


def kill_after(command: list[str], cwd: Path, delay_s: float, env: dict, site: Path | None = None,
               cache: Path | None = None) -> int | None:
    """Start a build in its own process group and SIGKILL the whole group after delay_s (the build and its
    ffmpeg children, as when the laptop's power goes), counted from the start or, given the site, from when
    the build starts publishing into it, or, given a cache, from when its first entry is written. The
    return code, or None if it was killed."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, env=env)

    def ready() -> bool:
        if site is not None:
            return publishing_started(site, process.pid)
        return cache is None or any(cache.rglob("*.npz"))

    while process.poll() is None and not ready():
        time.sleep(0.005)
    try:
        return process.wait(timeout=delay_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None


def test_sigkill_at_twenty_moments_never_breaks_the_site(show, tmp_path):
    """Half the kills spread over a whole warm build (stratified, seeded): start, voicing from the cache,
    mastering; the other half at random moments after the build took the site lock, while it publishes.
    After each kill the site is the previous one or the new one, never a mix, and no episode is lost."""
    show = show.copy_to(tmp_path / "show")
    rng = random.Random(9)
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    published = check_site(show.site)
    outcomes = {"site unchanged": 0, "media copied, feed still the old one": 0, "new feed in place": 0,
                "finished": 0}
    for i in range(KILLS):
        before_feed = (show.site / "feed.xml").read_bytes()
        before_files = set(snapshot(show.site))
        show.describe(99, f"kill {i}")
        if i % 2 == 0:
            code = kill_after(show.build_command(99), show.root, show.warm_build_s * (i + rng.random()) / KILLS, env)
        else:
            code = kill_after(show.build_command(99), show.root, rng.uniform(0, 0.3), env, site=show.site)
        now = check_site(show.site)
        assert now.keys() == published.keys(), "an episode was dropped"
        assert all(now[n][0] == published[n][0] for n in now), "a GUID changed"
        feed = (show.site / "feed.xml").read_bytes()
        if code is not None:
            assert code == 0
            outcomes["finished"] += 1
        elif feed == before_feed:
            outcomes["site unchanged" if set(snapshot(show.site)) == before_files
                     else "media copied, feed still the old one"] += 1
        else:
            assert now[99][1] == f"kill {i}"
            outcomes["new feed in place"] += 1
        if i % 5 == 4:
            (show.site / ".feed.xml.abc123.tmp").write_bytes(b"half a file")  # as a kill in write_atomic leaves
            show.describe(99, f"after kill {i}")
            done = show.build(99)
            assert done.returncode == 0, done.stderr
            assert check_site(show.site)[99][1] == f"after kill {i}"
            assert temporary_files(show.site) == []
        published = check_site(show.site)
    print(f"\n{KILLS} kills over {show.warm_build_s:.1f} s builds: {outcomes}")
    assert check_cache(show.cache) > 0
    assert outcomes["site unchanged"] and outcomes["media copied, feed still the old one"] + outcomes["new feed in place"]


def test_build_killed_while_voicing_leaves_no_bad_cache_entry(show, tmp_path):
    """Kills during synthesis into a cold cache: every entry left on disk is whole, and the next build
    completes from them."""
    show = show.copy_to(tmp_path / "show")
    cache = tmp_path / "cold"
    command = [*show.build_command(100, site=tmp_path / "site")]
    command[command.index("--cache") + 1] = str(cache)
    rng = random.Random(99)
    for _ in range(2):
        env = {**os.environ, "TMPDIR": str(tmp_path)}
        assert kill_after(command, show.root, 0.5 * rng.random(), env, cache=cache) is None
        check_cache(cache)
    entries = check_cache(cache)
    done = subprocess.run(command, cwd=show.root, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "from cache" in done.stderr and check_cache(cache) >= entries > 0
    check_site(tmp_path / "site")


def test_two_builds_into_one_site_at_once_lose_nothing(show, tmp_path):
    """Real concurrent processes, each publishing a new version of its own episode: both finish, the feed
    holds both new versions (neither build's catalog overwrote the other's) and is whole."""
    show = show.copy_to(tmp_path / "show")
    guids = {n: g for n, (g, _) in check_site(show.site).items()}
    for race in range(RACES):
        show.describe(99, f"race {race} a")
        show.describe(100, f"race {race} b")
        processes = [subprocess.Popen(show.build_command(n), cwd=show.root, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for n in (99, 100)]
        results = [(p.wait(timeout=600), p.stderr.read()) for p in processes]
        assert [code for code, _ in results] == [0, 0], results
        now = check_site(show.site)
        assert now == {99: (guids[99], f"race {race} a"), 100: (guids[100], f"race {race} b")}
        assert temporary_files(show.site) == []
    print(f"\n{RACES} races of two builds: every one finished, both episodes kept")


def test_a_build_waits_for_the_lock_and_says_so(show, tmp_path):
    """While the lock is held, a real build stops before publishing and says what it waits for; released,
    it publishes."""
    show = show.copy_to(tmp_path / "show")
    show.describe(100, "after the wait")
    with site_lock(show.site):
        process = subprocess.Popen(show.build_command(100), cwd=show.root, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        lines = []
        while not lines or "waiting for it" not in lines[-1]:
            lines.append(process.stderr.readline())
            assert lines[-1], f"the build ended without waiting: {lines}"
        time.sleep(1)
        assert process.poll() is None and check_site(show.site)[100][1] != "after the wait"
    assert f"another build (pid {os.getpid()}) is publishing into this site; waiting for it" in lines[-1]
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert check_site(show.site)[100][1] == "after the wait"


def test_lock_held_too_long_is_one_clear_error(tmp_path):
    with site_lock(tmp_path):
        with pytest.raises(PublishError, match=r"another build \(pid \d+\) is still publishing into this site"):
            with site_lock(tmp_path, wait_s=0.3):
                pass


@pytest.fixture
def mounted(tmp_path):
    """Mount points made by the test, unmounted afterwards (root only, as here and in CI)."""
    points = []

    def mount(*args: str) -> None:
        subprocess.run(["mount", *args], check=True, capture_output=True)
        if "remount" not in args[-2]:
            points.append(args[-1])

    yield mount
    for point in reversed(points):
        subprocess.run(["umount", point], check=False)


def copy_site(source: Path, target: Path) -> None:
    subprocess.run(["cp", "-a", f"{source}/.", str(target)], check=True)


@pytest.mark.root
def test_full_disk_fails_in_one_line_and_keeps_the_site(show, tmp_path, mounted):
    show = show.copy_to(tmp_path / "show")
    site = tmp_path / "site"
    site.mkdir()
    size_kb = sum(p.stat().st_size for p in show.site.rglob("*") if p.is_file()) // 1024 + 600
    mounted("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(site))
    copy_site(show.site, site)
    before = snapshot(site)
    show.describe(99, "does not fit")
    done = show.build(99, site=site)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()[-1:]
    assert line.startswith(f"podcast: error: {site}") and "No space left on device" in line
    assert "the published feed is unchanged" in line
    assert [l for l in done.stderr.splitlines() if l.startswith("podcast:")] == [line]
    assert snapshot(site) == before and temporary_files(site) == []
    check_site(site)


@pytest.mark.root
def test_read_only_site_fails_in_one_line_and_keeps_the_site(show, tmp_path, mounted):
    show = show.copy_to(tmp_path / "show")
    source, site = tmp_path / "rw", tmp_path / "site"
    source.mkdir()
    site.mkdir()
    copy_site(show.site, source)
    mounted("--bind", str(source), str(site))
    mounted("-o", "remount,bind,ro", str(site))
    before = snapshot(site)
    show.describe(99, "read only")
    done = show.build(99, site=site)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (f"podcast: error: {site / '.lock'}: cannot write the site "
                                                    f"(Read-only file system); the published feed is unchanged")
    assert snapshot(site) == before
    check_site(site)
