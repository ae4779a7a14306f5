"""The test harness: a private user cache for the session, and the fixtures many modules use. Shared helpers
live in tests/support/; session and module fixtures are read-only (a test that changes files copies them)."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.support.show import AN99, CORPUS, REPO, an99_excerpt, copy_show, make_episode, run_podcast  # noqa: F401

pytest_plugins = ["tests.support.published_site", "tests.support.audience_site", "tests.support.archive_site",
                  "tests.support.corpus_builds"]


def pytest_configure(config):
    """Nothing a test does reaches the user's cache dir, and no earlier run's cache reaches a test: the
    segment and recognition caches live in a folder of this session's own (subprocesses inherit it)."""
    config._podcast_cache = tempfile.mkdtemp(prefix="podcast-test-cache-")
    os.environ["PODCAST_CACHE"] = config._podcast_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_podcast_cache", ""), ignore_errors=True)


@pytest.fixture
def show_dir(tmp_path: Path) -> Path:
    """A show folder with the repo's podcast.toml and voices/, where episodes can be laid out."""
    return copy_show(tmp_path / "show")


def pytest_terminal_summary(terminalreporter, config):
    """The random order's seed, also under -q (pytest-randomly prints it only in the header)."""
    seed = getattr(config.option, "randomly_seed", None)
    if seed is not None:
        terminalreporter.write_line(f"tests ran in random order: --randomly-seed={seed} repeats it")
