"""One real site with a feed per audience, for the tests of what reads such a site (publishing, deploy, stats):
AN #99's excerpt (with a highlight) and AN #98 (the same without it) built by the CLI, then [feeds.highlights]
added to podcast.toml and the site built again from its caches. Import the `audience_site` fixture from here."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from podcast.config import Show, load_show

from tests.support.show import an99_excerpt, copy_show, make_episode, run_podcast

FEEDS = '\n[feeds]\nhighlights = { title = "Alignment Newsletter Podcast (Highlights)", sections = ["Highlights"] }\n'


def no_highlight() -> str:
    """AN #99's excerpt without its highlight: the intro and the news item."""
    text = an99_excerpt()
    return text[: text.index("HIGHLIGHTS")] + text[text.index("NEWS BERI"):]


@dataclass(frozen=True)
class Site:
    root: Path
    site: Path
    cache: Path
    show: Show
    feed_before: bytes
    """The main feed before [feeds.highlights] was added."""
    added: str
    """The stderr of the build that added the feed to the up-to-date site."""

    def build(self, site: Path) -> subprocess.CompletedProcess:
        return run_podcast("build", "episodes/098", "episodes/099", "--site", str(site), "--cache", str(self.cache),
                           cwd=self.root)


@pytest.fixture(scope="session")
def audience_site(tmp_path_factory) -> Site:
    """Read-only: a test that changes the site copies it."""
    root = copy_show(tmp_path_factory.mktemp("audiences"))
    make_episode(root / "episodes" / "099", 99, an99_excerpt(), "AN #99: Highlighted")
    make_episode(root / "episodes" / "098", 98, no_highlight(), "AN #98: No highlight", date="2020-05-06")
    site, cache = root / "public", root / "cache"
    args = ["build", "episodes/098", "episodes/099", "--site", str(site), "--cache", str(cache)]
    done = run_podcast(*args, cwd=root)
    assert done.returncode == 0, done.stderr
    before = (site / "feed.xml").read_bytes()
    with (root / "podcast.toml").open("a", encoding="utf-8") as toml:
        toml.write(FEEDS)
    added = run_podcast(*args, cwd=root)
    assert added.returncode == 0, added.stderr
    return Site(root, site, cache, load_show(root / "podcast.toml"), before, added.stderr)
