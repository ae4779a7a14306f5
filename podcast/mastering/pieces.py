"""Encoded chapter pieces, cached by a digest of everything that shapes them (the chapter's voiced samples and
sentence timings, its music, the loudness and MP3 settings, and mastering's own code), so a rebuild levels and
encodes only the chapters whose sound changed. A piece is cached as it was finally encoded, after the true-peak
loop (truepeak.py), with the true peak it measured and the limit that got it there."""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Callable

import numpy as np

from ..files import write_atomic
from .encode import Mp3Settings, count_frames, decode_piece, encode_piece
from .loudness import sample_peak_ceiling_db
from .truepeak import encode_under_ceiling


@dataclass(frozen=True)
class EncodedPiece:
    """A chapter's MP3 frames, and where its segments and their sentences are heard within it."""

    frames: bytes
    sample_rate: int
    """The rate the chapter was levelled at (offsets count samples at this rate)."""
    segment_offsets: list[int]
    """Sample offset of each of the chapter's segments, in order."""
    sentence_spans: list[list[tuple[float, float]]]
    """Per segment, where each sentence is heard, in seconds from the piece's start."""
    true_peak_dbtp: float = float("nan")
    """Of the frames as decoded (nan until encoded)."""
    limit_db: float = float("nan")
    """The sample-peak limit the frames were encoded with (nan until encoded)."""


@cache
def mastering_code_digest() -> str:
    """Digest of mastering's source: a change to how pieces are made invalidates every cached piece."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def samples_digest(samples: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(samples, dtype="<f4").tobytes()).hexdigest()


def piece_key(parts: list[str], settings: Mp3Settings) -> str:
    """The cache key of a piece from the strings that identify its inputs."""
    payload = json.dumps([mastering_code_digest(), settings.as_key(), *parts])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class PieceCache:
    """Pieces by key, as an MP3 of bare frames and a JSON layout beside it, each written atomically (the MP3
    last); an entry that is incomplete or not whole frames is rebuilt. With no folder, nothing is kept."""

    def __init__(self, root: Path | None):
        self.root = root

    def _paths(self, key: str) -> tuple[Path, Path]:
        assert self.root is not None
        folder = self.root / key[:2]
        return folder / f"{key}.mp3", folder / f"{key}.json"

    def get(self, key: str) -> EncodedPiece | None:
        if self.root is None:
            return None
        mp3, layout = self._paths(key)
        try:
            frames = mp3.read_bytes()
            count_frames(frames)
            meta = json.loads(layout.read_text(encoding="utf-8"))
            return EncodedPiece(frames, int(meta["sample_rate"]), [int(o) for o in meta["segment_offsets"]],
                                [[(float(a), float(b)) for a, b in spans] for spans in meta["sentence_spans"]],
                                float(meta["true_peak_dbtp"]), float(meta["limit_db"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            mp3.unlink(missing_ok=True)
            layout.unlink(missing_ok=True)
            return None

    def put(self, key: str, piece: EncodedPiece) -> None:
        if self.root is None:
            return
        mp3, layout = self._paths(key)
        meta = {"sample_rate": piece.sample_rate, "segment_offsets": piece.segment_offsets,
                "sentence_spans": piece.sentence_spans, "true_peak_dbtp": piece.true_peak_dbtp,
                "limit_db": piece.limit_db}
        write_atomic(layout, json.dumps(meta).encode("utf-8"))
        write_atomic(mp3, piece.frames)


class PieceEncoder:
    """Takes pieces from the cache, or levels them (in the caller's thread) and encodes them in the background,
    one ffmpeg per core, while the next chapters are levelled; each encoding is decoded and measured, and
    encoded again with a lower limit while its true peak is over the ceiling."""

    def __init__(self, cache: PieceCache, settings: Mp3Settings):
        self.cache, self.settings = cache, settings
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        self.encoded = 0
        """Pieces levelled and encoded in this run (the others came from the cache)."""

    def piece(self, key: str, level: Callable[[], tuple[np.ndarray, EncodedPiece]], what: str = "a piece") -> Future:
        """A future EncodedPiece: cached under key, else from level(), which returns the piece's levelled
        samples and its layout (frames still empty); `what` names the piece in errors."""
        cached = self.cache.get(key)
        if cached is not None:
            done: Future = Future()
            done.set_result(cached)
            return done
        self.encoded += 1
        samples, layout = level()

        def encode() -> EncodedPiece:
            held = encode_under_ceiling(lambda limit_db: encode_piece(samples, layout.sample_rate, self.settings, limit_db),
                                        lambda frames: decode_piece(frames, self.settings), self.settings.true_peak_dbtp,
                                        sample_peak_ceiling_db(self.settings.true_peak_dbtp), what)
            piece = replace(layout, frames=held.data, true_peak_dbtp=held.true_peak_dbtp, limit_db=held.limit_db)
            self.cache.put(key, piece)
            return piece

        return self.pool.submit(encode)

    def __enter__(self) -> PieceEncoder:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
