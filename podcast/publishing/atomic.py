"""Atomic file replacement: write beside the target, fsync, rename into place. Readers see old or new, never half."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


TEMPORARY_GLOB = ".*.tmp"
"""The names write_atomic and copy_atomic write under before renaming; none of them is ever published."""


def remove_temporary_files(site: Path) -> None:
    """Delete what an interrupted write left behind (call only while holding the site lock)."""
    for path in site.rglob(TEMPORARY_GLOB):
        path.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # TEMPORARY_GLOB
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_atomic(source: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # TEMPORARY_GLOB
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
