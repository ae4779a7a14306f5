"""Whole corpus issues built by the real CLI with the show's default voice and the listening check (`podcast
build --check`), once a session: the `corpus_episodes` fixture, read-only (a test that changes files copies
them). The issues are the two shortest with several chapters whose word error rate the ear is held to
(tests/listening/test_episode_wer.py); AN #99 is built by its own tests."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.corpus import number_of
from tests.support.show import CORPUS, copy_show, run_podcast

BUILT_ISSUES = ("an-093.md", "an-085.md")


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
def corpus_episodes(tmp_path_factory) -> CorpusEpisodes:
    root = copy_show(tmp_path_factory.mktemp("corpus-episodes"))
    episodes = []
    for name in BUILT_ISSUES:
        number = number_of(Path(name))
        folder = root / "episodes" / f"{number:03d}"
        folder.mkdir(parents=True)
        shutil.copy(CORPUS / name, folder / "issue.md")
        (folder / "episode.toml").write_text(f'number = {number}\ntitle = "AN #{number}: corpus issue"\n'
                                             f"date = 2020-05-13\n", encoding="utf-8")
        episodes.append(folder)
    site, cache = root / "public", root / "cache"
    done = run_podcast("build", *map(str, episodes), "--site", str(site), "--cache", str(cache), "--check")
    assert done.returncode == 0, done.stderr
    return CorpusEpisodes(root, tuple(episodes), site, cache, done.stderr)
