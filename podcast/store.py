"""The content-addressed store under every cache: an entry is a key (a hex digest of what made it) and one file
per suffix, `root/<first two hex digits>/<key><suffix>` (sharded, so no folder holds every entry) or
`root/<key><suffix>`. Files are written atomically (files.write_atomic): a reader sees a whole file or none. An
entry that cannot be read, or that its cache refuses, counts as missing and is removed, to be written again."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from .files import write_atomic

T = TypeVar("T")


class Store:
    def __init__(self, root: Path, shard: bool = True):
        self.root, self.shard = root, shard

    def path(self, key: str, suffix: str) -> Path:
        return (self.root / key[:2] if self.shard else self.root) / f"{key}{suffix}"

    def load(self, key: str, parse: Callable[..., T | None], *suffixes: str) -> T | None:
        """parse(the bytes of the entry's file of each suffix, in order), or None when one is missing. When a file
        cannot be read or parse raises, the entry's files are removed and it is None too; parse may also return
        None itself for an entry to leave as it is (one made by another version, say)."""
        paths = [self.path(key, suffix) for suffix in suffixes]
        try:
            return parse(*[path.read_bytes() for path in paths])
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - any unreadable or inconsistent entry is made again, never used
            for path in paths:
                path.unlink(missing_ok=True)
            return None

    def save(self, key: str, suffix: str, data: bytes) -> None:
        write_atomic(self.path(key, suffix), data)

    def paths(self, suffix: str) -> list[Path]:
        """Every entry's file of that suffix, in order of name."""
        return sorted(self.root.glob(f"??/*{suffix}" if self.shard else f"*{suffix}"))
