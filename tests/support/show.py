"""A show laid out as a producer has it, episodes in it, and the real CLI run on them."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus" / "an"
"""The 14 real issues the tests read (SOURCES.md there says where each came from)."""
AN99 = REPO / "episodes" / "099" / "issue.txt"


def copy_show(root: Path) -> Path:
    """`root` made a show folder: the repo's podcast.toml and voices/, where episodes can be laid out."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "podcast.toml", root / "podcast.toml")
    shutil.copytree(REPO / "voices", root / "voices")
    return root


def make_episode(folder: Path, number: int, text: str, title: str | None = None, date: str = "2020-05-13") -> Path:
    """An episode folder holding `text` as issue.txt and a minimal episode.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.txt").write_text(text, encoding="utf-8")
    (folder / "episode.toml").write_text(
        f'number = {number}\ntitle = "{title or f"AN #{number}: test"}"\ndate = {date}\n', encoding="utf-8")
    return folder


def an99_excerpt() -> str:
    """AN #99 cut to its highlight and its news item, with the intro and trailers: a short real episode."""
    text = AN99.read_text(encoding="utf-8")
    return text[: text.index("TECHNICAL AI ALIGNMENT")] + text[text.index("NEWS BERI"):]


def run_podcast(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a producer would."""
    return subprocess.run([sys.executable, "-m", "podcast", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=900)


@contextmanager
def serving(site: Path):
    """`podcast serve` on a free loopback port for `site`; yields its base URL."""
    process = subprocess.Popen([sys.executable, "-m", "podcast", "serve", "--site", str(site), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, f"no URL in {line!r}: {process.stderr.read() if process.poll() is not None else ''}"
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)
