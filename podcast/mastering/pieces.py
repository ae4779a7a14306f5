"""Encoded chapter pieces, cached by a digest of the piece's levelled samples and the encoder settings, so a
rebuild re-encodes only the chapters whose sound changed."""
from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from .encode import Mp3Settings, count_frames, encode_piece


def piece_key(samples: np.ndarray, sample_rate: int, settings: Mp3Settings) -> str:
    digest = hashlib.sha256(f"{sample_rate}|{settings.as_key()}|".encode())
    digest.update(np.ascontiguousarray(samples, dtype="<f4").tobytes())
    return digest.hexdigest()


class PieceCache:
    """Bare MP3 frames by key, as files written atomically; a file that is not whole frames is rebuilt.
    With no folder, nothing is kept."""

    def __init__(self, root: Path | None):
        self.root = root

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.mp3"

    def get(self, key: str) -> bytes | None:
        if self.root is None:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
            count_frames(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        if self.root is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".mp3")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class PieceEncoder:
    """Encodes pieces in the background (one ffmpeg per core) while the next chapters are levelled; cached
    pieces are taken from the cache instead."""

    def __init__(self, cache: PieceCache, settings: Mp3Settings):
        self.cache, self.settings = cache, settings
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        self.encoded = 0
        """Pieces encoded in this run (the others came from the cache)."""

    def submit(self, samples: np.ndarray, sample_rate: int):
        key = piece_key(samples, sample_rate, self.settings)
        cached = self.cache.get(key)
        if cached is not None:
            return self.pool.submit(lambda: cached)
        self.encoded += 1

        def encode() -> bytes:
            data = encode_piece(samples, sample_rate, self.settings)
            self.cache.put(key, data)
            return data

        return self.pool.submit(encode)

    def __enter__(self) -> PieceEncoder:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
