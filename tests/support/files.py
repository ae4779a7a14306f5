"""What a test compares a folder by, and the private copy a test changes instead of a shared fixture."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def snapshot(folder: Path) -> dict[str, str]:
    """Each file's sha256 by its path under `folder` (the site lock excluded: it is not content)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


def files_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's size and modification time: unchanged means not written again."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def private_copy(source: Path, target: Path) -> Path:
    """A copy of a fixture's folder (symlinks kept as links) that a test may change freely."""
    shutil.copytree(source, target, symlinks=True)
    return target
