"""Whole corpus issues built by the real CLI with the show's default voice and the listening check: the
`corpus_episodes` fixture, read-only. They are the archive site's two whole issues (tests/support/archive_site.py,
one build for both uses), the two shortest with several chapters, whose word error rate the ear is held to
(tests/listening/test_episode_wer.py); AN #99 is built by its own tests."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.archive_site import ISSUES


@dataclass(frozen=True)
class CorpusEpisodes:
    root: Path
    """The show folder (podcast.toml, voices/)."""
    episodes: tuple[Path, ...]
    site: Path
    cache: Path
    log: str
    """The build's standard error: its one-line summaries."""


@pytest.fixture(scope="session")
def corpus_episodes(archive) -> CorpusEpisodes:
    episodes = tuple(archive.root / "episodes" / f"{number:03d}" for number in ISSUES)
    return CorpusEpisodes(archive.root, episodes, archive.site, archive.root / "cache", archive.log)
