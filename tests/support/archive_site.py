"""A site of three corpus issues, built once a session by the real CLI with the show's default voice and the
listening check (`podcast build --check`): AN #85 and AN #93 whole (Markdown) and AN #99's excerpt (flattened
text), with their scripts as the build made them. The `archive` fixture (registered in tests/conftest.py);
tests read it, never change it. The archive's tests and the ear's whole-episode test
(tests/support/corpus_builds.py) share this one build."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.show import CORPUS, an99_excerpt, copy_show, make_episode, run_podcast

ISSUES = {85: "2020-02-12", 93: "2020-04-08"}
"""The whole corpus issues, by number, with their dates."""


@dataclass(frozen=True)
class Archive:
    root: Path
    site: Path
    show: object
    """The show (podcast.config.Show)."""
    episodes: dict
    """Number -> the episode as the build read and scripted it (podcast.episode.Episode)."""
    log: str
    """The build's standard error: its one-line summaries."""


@pytest.fixture(scope="session")
def archive(tmp_path_factory) -> Archive:
    from podcast.config import load_show
    from podcast.episode import load_episode

    root = copy_show(tmp_path_factory.mktemp("archive"))
    toml = root / "podcast.toml"
    # The archive does not read the Opus alternate: not encoding it keeps the build about half as long.
    text = toml.read_text(encoding="utf-8")
    assert "[opus]\nenabled = true" in text
    toml.write_text(text.replace("[opus]\nenabled = true", "[opus]\nenabled = false"), encoding="utf-8")
    folders = [make_episode(root / "episodes" / "099", 99, an99_excerpt(), "AN #99: An excerpt", "2020-05-13")]
    for number, date in ISSUES.items():
        folder = root / "episodes" / f"{number:03d}"
        folder.mkdir(parents=True)
        shutil.copy(CORPUS / f"an-{number:03d}.md", folder / "issue.md")
        (folder / "episode.toml").write_text(f'number = {number}\ntitle = "AN #{number}: A corpus issue"\n'
                                             f"date = {date}\n", encoding="utf-8")
        folders.append(folder)
    site = root / "public"
    done = run_podcast("build", *map(str, folders), "--site", str(site), "--cache", str(root / "cache"),
                       "--check")
    assert done.returncode == 0, done.stderr
    show = load_show(toml)
    return Archive(root, site, show, {int(f.name): load_episode(f, show) for f in folders}, done.stderr)
