"""Deploy sends what listeners need and nothing of the producer's: the review pages (take states and scores),
their script and styles and catalog.json stay home unless asked for; every page and the feed still find every
file they point to on the remote; a deploy that leaves files of earlier deploys on the remote says how many and
that --delete removes them; an rclone remote that is not configured is one line naming `rclone config`."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from podcast.deploy.order import MANIFEST, feed_paths

from tests.support.rclone_servers import environment, tree
from tests.support.show import REPO

PRODUCER_FILES = {"catalog.json", "assets/review.css", "assets/review.js", "episodes/099/review.html"}


def deploy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "podcast", "deploy", *args], cwd=REPO, capture_output=True,
                          text=True, env=environment(), timeout=120)


@pytest.fixture
def site(published, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(published.site, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


class Links(HTMLParser):
    """Every href and src of a page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def local_targets(remote: Path) -> dict[str, set[str]]:
    """Each page on the remote -> the files of the same site it links to or loads (resolved, relative to the site)."""
    targets = {}
    for page in remote.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "http://site/" + page.relative_to(remote).as_posix()
        paths = {urlparse(urljoin(base, link)).path.lstrip("/") for link in parser.found
                 if urlparse(urljoin(base, link)).netloc == "site"}
        targets[page.relative_to(remote).as_posix()] = {p + "index.html" if p.endswith("/") or not p else p
                                                          for p in paths}
    return targets


def test_a_deploy_to_a_folder_sends_what_listeners_need_and_keeps_the_review_page_home(site, tmp_path):
    assert PRODUCER_FILES <= set(tree(site))
    remote = tmp_path / "remote"
    done = deploy(str(remote), "--site", str(site))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and ", 4 files only the producer reads kept home " \
                                            "(--include-producer-files sends them)" in done.stdout, done.stdout
    held = set(tree(remote)) - {MANIFEST}
    assert held == set(tree(site)) - PRODUCER_FILES - {".lock"}
    pointed_to = local_targets(remote)
    assert {"assets/player.js", "feed.xml"} <= pointed_to["episodes/099/index.html"]
    for page, targets in pointed_to.items():
        assert targets <= held, f"{page} points to {sorted(targets - held)}, which the remote lacks"
    assert {p for p in feed_paths((remote / "feed.xml").read_bytes()) if not p.endswith("index.html")} <= held


def test_producer_files_go_when_asked_for_and_a_later_deploy_says_they_are_left_until_delete(site, tmp_path):
    remote = tmp_path / "remote"
    asked = deploy(str(remote), "--site", str(site), "--include-producer-files")
    assert asked.returncode == 0 and "kept home" not in asked.stdout, asked.stderr
    assert PRODUCER_FILES <= set(tree(remote))

    plain = deploy(str(remote), "--site", str(site))
    assert plain.returncode == 0, plain.stderr
    summary, closing = plain.stdout.splitlines()
    assert "nothing sent, 4 files only the producer reads kept home" in summary
    assert closing == ("the remote still holds 4 files this site does not publish (assets/review.css, "
                       "assets/review.js, catalog.json and 1 more); deploy with --delete removes them")
    assert PRODUCER_FILES <= set(tree(remote)), "nothing is removed without --delete"

    dry = deploy(str(remote), "--site", str(site), "--delete", "--dry-run")
    assert sorted(re.findall(r"^would remove: (\S+)$", dry.stdout, re.M)) == sorted(PRODUCER_FILES)
    assert sorted(re.findall(r"^would keep home \(([^)]+)\): (\S+)$", dry.stdout, re.M)) == [
        ("catalog", "catalog.json"), ("review asset", "assets/review.css"), ("review asset", "assets/review.js"),
        ("review page", "episodes/099/review.html")]
    removed = deploy(str(remote), "--site", str(site), "--delete")
    assert removed.returncode == 0 and "removed 4" in removed.stdout and removed.stdout.count("\n") == 1
    assert not PRODUCER_FILES & set(tree(remote))


def test_an_unknown_rclone_remote_names_rclone_config(site):
    done = deploy("nosuch:podcast", "--site", str(site))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == ("podcast: error: nosuch:podcast: rclone has no remote named 'nosuch' (didn't find section "
                           "in config file); set one up with `rclone config` (`rclone listremotes` lists those there "
                           "are), or give a local folder or an on-the-fly remote (:webdav,url=...:path)\n")
