"""`podcast deploy` of a site with a feed per audience (feeds/highlights.xml, tests/support/audience_site.py) to
real loopback WebDAV and SFTP servers: every feed goes last, after all media and pages, replaced whole (a
listener reading the served folder while it is sent sees the old feed or the new, never part of one), and
`--delete` never removes a file any feed names, the feeds per audience included."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from podcast.deploy.order import feed_paths

from tests.deploy.test_deploy import OURS, deploy, ok, published_part
from tests.support.rclone_servers import environment, serve, touched, tree

pytestmark = pytest.mark.slow  # the audience site: two real episodes voiced and mastered

HIGHLIGHTS = "feeds/highlights.xml"


@pytest.fixture
def site(audience_site, tmp_path: Path) -> Path:
    """This test's own copy of the built site with its highlights feed."""
    copy = tmp_path / "site"
    shutil.copytree(audience_site.site, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


def only_in_highlights(site: Path) -> list[str]:
    """The files of the site the highlights feed names and the main feed does not: its episodes' audio and
    sidecars."""
    ours = feed_paths((site / HIGHLIGHTS).read_bytes(), HIGHLIGHTS) - feed_paths((site / "feed.xml").read_bytes())
    return sorted(p for p in ours if (site / p).is_file())


class Watcher(threading.Thread):
    """Reads one file of the served folder over and over while a deploy runs: every state a listener could fetch."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.seen, self.stop = path, set(), threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.seen.add(self.path.read_bytes())
            except FileNotFoundError:
                pass
            self.stop.wait(0.002)


@pytest.mark.parametrize("kind", ["webdav", "sftp"])
def test_a_feed_per_audience_goes_last_after_its_media_and_is_replaced_whole(site, tmp_path, kind):
    with serve(kind, tmp_path / "remote", tmp_path / "server") as server:
        ok(deploy(server.dest, "--site", str(site)))
        assert tree(server.root, OURS) == published_part(site)
        when = {path: ctime for path, (_, ctime) in touched(server.root).items() if path not in OURS}
        named = only_in_highlights(site)
        assert any(p.endswith(".mp3") for p in named) and any(p.endswith(".opus") for p in named), named
        pages = [p for p in when if p.endswith(".html")]
        for path in [*named, *pages]:
            assert when[path] <= when[HIGHLIGHTS], f"{path} reached the remote after the feed that names it"
        assert when[HIGHLIGHTS] <= when["feed.xml"]

        old = (site / HIGHLIGHTS).read_bytes()
        new = old.replace(b"</description>", b" Read aloud.</description>", 1)  # the feed, retold: larger
        assert new != old
        (site / HIGHLIGHTS).write_bytes(new)
        inode = touched(server.root)[HIGHLIGHTS][0]
        watcher = Watcher(server.root / HIGHLIGHTS)
        watcher.start()
        try:  # uploads throttled: a feed written in place would be seen part-written for a third of a second
            out = ok(deploy(server.dest, "--site", str(site), env=environment(RCLONE_BWLIMIT="16k:off")))
        finally:
            watcher.stop.set()
            watcher.join()
        assert "sent 1 file " in out, out
        assert watcher.seen <= {old, new} and new in watcher.seen, "a listener could fetch part of a feed"
        assert touched(server.root)[HIGHLIGHTS][0] != inode, "the feed was written over, not renamed into place"
        assert tree(server.root, OURS) == published_part(site)


def test_delete_never_removes_a_file_a_feed_per_audience_names(site, tmp_path):
    with serve("webdav", tmp_path / "remote", tmp_path / "server") as server:
        (site / "episodes" / "097").mkdir()
        (site / "episodes" / "097" / "old.mp3").write_bytes(b"ID3 an old episode's audio")
        ok(deploy(server.dest, "--site", str(site)))
        named = only_in_highlights(site)
        audio = next(p for p in named if p.endswith(".mp3"))
        (site / "episodes" / "097" / "old.mp3").unlink()
        (site / audio).unlink()  # gone from the site, still in the highlights feed: a listener may still fetch it

        dry = ok(deploy(server.dest, "--site", str(site), "--delete", "--dry-run"))
        assert "would remove: episodes/097/old.mp3" in dry and audio not in dry
        out = ok(deploy(server.dest, "--site", str(site), "--delete"))
        assert "removed 1" in out, out
        remote = tree(server.root, OURS)
        assert "episodes/097/old.mp3" not in remote
        for path in named:
            assert path in remote, f"--delete removed {path}, which the highlights feed names"
