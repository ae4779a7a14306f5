import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["tests.published_site"]
"""Session fixtures shared by the publishing tests (one real built site, one `podcast serve`)."""

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus" / "an"
"""The 13 real issues the tests read (SOURCES.md there says where each came from)."""
AN99 = REPO / "episodes" / "099" / "issue.txt"


def run_podcast(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a producer would."""
    return subprocess.run([sys.executable, "-m", "podcast", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=900)


def make_episode(folder: Path, number: int, text: str, title: str | None = None, date: str = "2020-05-13") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.txt").write_text(text, encoding="utf-8")
    (folder / "episode.toml").write_text(
        f'number = {number}\ntitle = "{title or f"AN #{number}: test"}"\ndate = {date}\n', encoding="utf-8")
    return folder


def an99_excerpt() -> str:
    """AN #99 cut to its highlight and its news item, with the intro and trailers: a short real episode."""
    text = AN99.read_text(encoding="utf-8")
    return text[: text.index("TECHNICAL AI ALIGNMENT")] + text[text.index("NEWS BERI"):]


@pytest.fixture
def show_dir(tmp_path: Path) -> Path:
    """A show folder with the repo's podcast.toml and voices/, where episodes can be laid out."""
    root = tmp_path / "show"
    root.mkdir()
    shutil.copy(REPO / "podcast.toml", root / "podcast.toml")
    shutil.copytree(REPO / "voices", root / "voices")
    return root
