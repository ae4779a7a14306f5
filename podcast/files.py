"""The one way this project replaces a file: write a temporary file beside the target, fsync it, rename it into
place, fsync the folder. A reader sees the old file or the new one, never half of one, and after a crash the
rename is on disk. Every writer of the package (site, caches, takes.lock, segments.json, new episode folders)
goes through here."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import BinaryIO, Callable

TEMPORARY_GLOB = ".*.tmp"
"""The names files are written under before the rename (`.<name>.<random>.tmp`); none is ever a result."""


def _replace(path: Path, fill: Callable[[BinaryIO], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # TEMPORARY_GLOB
    try:
        with os.fdopen(fd, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: the folder's entry is written when the folder is synced)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace path's content with data, atomically; the folders are made when missing."""
    _replace(path, lambda f: f.write(data))


def copy_atomic(source: Path, path: Path) -> None:
    """Replace path's content with source's, atomically (streamed: media files need not fit in memory)."""
    def fill(out: BinaryIO) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, out)

    _replace(path, fill)


def place_new_folder(work: Path, folder: Path) -> None:
    """Rename a finished folder into place where there is none, never replacing one: the folder appears whole
    or not at all. An OSError when something is already there (rename(2) fails on a non-empty folder; an
    empty one left by someone else is taken)."""
    os.rename(work, folder)
    _fsync_folder(folder.parent)


def remove_temporary_files(folder: Path, older_than_s: float = 0.0) -> None:
    """Delete what interrupted writes left anywhere under folder. Only where no write can be running (the site
    under its lock), or with older_than_s large enough that what is left belongs to no running process."""
    now = time.time()
    for path in folder.rglob(TEMPORARY_GLOB):
        try:
            if now - path.stat().st_mtime >= older_than_s:
                path.unlink(missing_ok=True)
        except FileNotFoundError:
            pass
