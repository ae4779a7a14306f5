"""Whether an episode's published files are up to date: one digest over every input that shapes them.

The digest is recorded in the episode's catalog entry when it is published. A rebuild whose digest matches,
with the published files still there, has nothing to do: no synthesis, no encoding. Reading files and
hashing them costs milliseconds, so this check runs before anything heavy is imported."""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

from .config import Show
from .folders import EpisodeFolder, VoicesFolder

FORMAT = 2
"""Bump when the set of inputs below changes."""


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if folder.is_dir() else []


def _add_files(h, label: str, root: Path, files: list[Path]) -> None:
    for path in files:
        data = path.read_bytes()
        h.update(f"{label}:{path.relative_to(root).as_posix()}:{len(data)}\n".encode())
        h.update(data)


@cache
def pipeline_identity() -> str:
    """The code that turns inputs into outputs: this package's own files, and the name and version of every
    installed distribution (engines, encoders, loudness meters), read from the names of their metadata
    folders ("numpy-2.1.3.dist-info"): parsing every METADATA file would cost ~0.1 s."""
    h = hashlib.sha256()
    package = Path(__file__).parent
    _add_files(h, "code", package, _files(package))
    installed = sorted({p.name for entry in sys.path if Path(entry or ".").is_dir()
                        for p in Path(entry or ".").glob("*.dist-info")})
    h.update("\n".join(installed).encode())
    return h.hexdigest()


def _settings(show: Show) -> Show:
    """The show's settings with its paths relative to its folder: a show folder moved (or cloned elsewhere)
    with the same contents is still up to date."""
    def relative(path: Path | None) -> Path | None:
        return path and Path(os.path.relpath(path, show.root))

    music = replace(show.music, intro=relative(show.music.intro), outro=relative(show.music.outro),
                    between_chapters=relative(show.music.between_chapters))
    return replace(show, root=Path("."), artwork=relative(show.artwork), music=music)


def settings_identity(show: Show) -> str:
    """The show's settings as text, the same wherever its folder is."""
    return repr(_settings(show))


def inputs_digest(folder: Path, issue: Path, show: Show) -> str:
    """Digest of everything an episode's published files depend on: the issue (file), episode.toml, the narrator's
    recordings, the show settings, artwork and music, the voices folder (cast, lexicon, reference clips) and the
    pipeline's code and installed packages."""
    h = hashlib.sha256(f"podcast-inputs/{FORMAT}\n{pipeline_identity()}\n{settings_identity(show)}\n".encode())
    episode = EpisodeFolder(folder)
    _add_files(h, "episode", folder, [episode.toml, issue])
    # takes.lock is written by the build from the takes and the text: derived, not input
    takes = [p for p in _files(episode.recordings) if p.name != episode.takes_lock.name]
    _add_files(h, "recordings", folder, takes)
    _add_files(h, "voices", show.root, _files(VoicesFolder.of(show.root).path))
    for label, path in [("artwork", show.artwork), ("music", show.music.intro), ("music", show.music.outro),
                        ("music", show.music.between_chapters)]:
        if path and path.is_file():
            _add_files(h, label, path.parent, [path])
    return h.hexdigest()

