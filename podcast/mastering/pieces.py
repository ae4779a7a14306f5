"""Encoded pieces (a few sentences of a chapter each, timeline.py), cached by a digest of everything that
shapes them (their voiced samples and sentence timings, their music, the loudness and encoder settings, and
mastering's own code), so a rebuild levels and encodes only the pieces whose sound changed. A cached piece keeps
what was measured of it too (its true peak, the limit that got it there, its RMS envelope for the review page),
so nothing of an unchanged piece is decoded or measured again, and each segment's loudness steps are kept too.
Each piece is levelled once and encoded in every format the episode is published in (the MP3, the Opus
alternate); a piece is cached per format as it was finally encoded, after the true-peak loop (truepeak.py), with
the true peak it measured and the limit that got it there."""
from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Callable

import numpy as np

from ..store import Store
from .encode import Mp3Settings, count_frames, decode_piece, encode_piece
from .loudness import level_steps, sample_peak_ceiling_db
from .opus import OpusSettings, check_piece, decode_opus, encode_opus_piece
from .truepeak import encode_under_ceiling


@dataclass(frozen=True)
class EncodedPiece:
    """A piece's encoded bytes in one format, and where its segments' sounds and their sentences are heard within
    it."""

    frames: bytes
    """MP3 frames, or a whole Ogg Opus stream."""
    sample_rate: int
    """The rate the piece was levelled at (offsets count samples at this rate)."""
    segment_offsets: list[int]
    """Sample offset of each segment's cut in the piece (all of the segment, or some of its sentences), in order."""
    sentence_spans: list[list[tuple[float, float]]]
    """Per segment, where each sentence is heard, in seconds from the piece's start."""
    true_peak_dbtp: float = float("nan")
    """Of the frames as decoded (nan until encoded)."""
    limit_db: float = float("nan")
    """The sample-peak limit the frames were encoded with (nan until encoded)."""
    envelope: tuple[float, ...] = ()
    """RMS of each 1/ENVELOPE_HZ window of the levelled sound, from its first sample (envelope.py)."""


@cache
def mastering_code_digest() -> str:
    """Digest of mastering's source and of the audio helpers it uses (resampling, the true-peak check's decoder):
    a change to how pieces are made invalidates every cached piece."""
    digest = hashlib.sha256()
    for path in [*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parents[1] / "audio.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def samples_digest(samples: np.ndarray) -> str:
    """Digest of the samples as little-endian float32, hashed in place (no copy of the bytes)."""
    return hashlib.sha256(np.ascontiguousarray(samples, dtype="<f4")).hexdigest()


class StepsCache:
    """Each segment's level_steps by a digest of its sound and the target, kept in a folder (None: kept
    nowhere), so a rebuild measures only the segments whose sound changed: libebur128 takes about 0.25 s over
    AN #99's 21 minutes, hashing them a third of that."""

    def __init__(self, root: Path | None):
        self.store = None if root is None else Store(root)

    def steps(self, samples: np.ndarray, sample_rate: int, target_lufs: float) -> int:
        if self.store is None:
            return level_steps(samples, sample_rate, target_lufs)
        payload = json.dumps([mastering_code_digest(), samples_digest(samples), sample_rate, target_lufs])
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        steps = self.store.load(key, lambda data: int(json.loads(data.decode("utf-8"))["steps"]), ".json")
        if steps is None:
            steps = level_steps(samples, sample_rate, target_lufs)
            self.store.save(key, ".json", json.dumps({"steps": steps}).encode("utf-8"))
        return steps


@dataclass(frozen=True)
class PieceFormat:
    """One format the pieces are encoded in: its cache suffix and key, its encoder (samples, rate, sample-peak
    limit, first piece?) -> bytes, its decoder, the check of a cached entry, and the true-peak ceiling."""

    name: str
    suffix: str
    key: str
    encode: Callable[[np.ndarray, int, float, bool], bytes]
    decode: Callable[[bytes], tuple[np.ndarray, int]]
    check: Callable[[bytes], object]
    """Raises ValueError when the bytes are not a whole piece."""
    ceiling_dbtp: float


def mp3_format(settings: Mp3Settings) -> PieceFormat:
    return PieceFormat("mp3", ".mp3", settings.as_key(),
                       lambda samples, rate, limit_db, first: encode_piece(samples, rate, settings, limit_db),
                       decode_piece, count_frames, settings.true_peak_dbtp)


def opus_format(settings: OpusSettings) -> PieceFormat:
    return PieceFormat("opus", ".opus", settings.as_key(),
                       lambda samples, rate, limit_db, first: encode_opus_piece(samples, rate, settings, limit_db, first),
                       decode_opus, check_piece, settings.true_peak_dbtp)


def piece_key(parts: list[str], format_key: str) -> str:
    """The cache key of a piece from the strings that identify its inputs and the format's key."""
    payload = json.dumps([mastering_code_digest(), format_key, *parts])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class PieceCache:
    """Pieces by key, as the encoded bytes (suffix by format) and a JSON layout beside it, each written
    atomically (the bytes last); an entry that is incomplete or fails the format's check is rebuilt. With no
    folder, nothing is kept."""

    def __init__(self, root: Path | None, suffix: str = ".mp3", check: Callable[[bytes], object] = count_frames):
        self.store = None if root is None else Store(root)
        self.suffix, self.check = suffix, check

    def _piece(self, frames: bytes, layout: bytes) -> EncodedPiece:
        self.check(frames)
        meta = json.loads(layout.decode("utf-8"))
        return EncodedPiece(frames, int(meta["sample_rate"]), [int(o) for o in meta["segment_offsets"]],
                            [[(float(a), float(b)) for a, b in spans] for spans in meta["sentence_spans"]],
                            float(meta["true_peak_dbtp"]), float(meta["limit_db"]), tuple(float(v) for v in meta["envelope"]))

    def get(self, key: str) -> EncodedPiece | None:
        return None if self.store is None else self.store.load(key, self._piece, self.suffix, ".json")

    def put(self, key: str, piece: EncodedPiece) -> None:
        if self.store is None:
            return
        meta = {"sample_rate": piece.sample_rate, "segment_offsets": piece.segment_offsets,
                "sentence_spans": piece.sentence_spans, "true_peak_dbtp": piece.true_peak_dbtp,
                "limit_db": piece.limit_db, "envelope": piece.envelope}
        self.store.save(key, ".json", json.dumps(meta).encode("utf-8"))
        self.store.save(key, self.suffix, piece.frames)


class PieceEncoder:
    """Takes pieces from the cache, or levels them (in the caller's thread) and encodes them in the background,
    one thread per core (LAME and libopus in-process, neither holding the GIL), while the next pieces are levelled;
    each encoding is decoded and measured, and encoded again with a lower limit while its true peak is over the
    ceiling. A piece is levelled once for all formats."""

    def __init__(self, root: Path | None, formats: list[PieceFormat]):
        self.formats = formats
        self.caches = {f.name: PieceCache(root, f.suffix, f.check) for f in formats}
        self.threads = os.cpu_count() or 1
        self.pool = ThreadPoolExecutor(max_workers=self.threads)
        self._encoding: list[Future] = []
        self.encoded = 0
        """Pieces levelled and encoded in this run (the others came from the cache)."""
        self.encoded_s: dict[str, float] = {f.name: 0.0 for f in formats}
        """Seconds spent encoding (and re-encoding under the ceiling) each format in this run, summed over pieces."""

    def piece(self, parts: list[str], first: bool, level: Callable[[], tuple[np.ndarray, EncodedPiece]],
              what: str = "a piece") -> dict[str, Future]:
        """Format name -> a future EncodedPiece: cached under the key of `parts` (the strings that identify the
        piece's sound) and the format, else from level(), which returns the piece's levelled samples and its
        layout (frames still empty); `what` names the piece in errors."""
        futures: dict[str, Future] = {}
        missing = []
        for f in self.formats:
            key = piece_key([*parts, json.dumps({"first": first})] if f.name != "mp3" else parts, f.key)
            cached = self.caches[f.name].get(key)
            if cached is None:
                missing.append((f, key))
            else:
                futures[f.name] = Future()
                futures[f.name].set_result(cached)
        if not missing:
            return futures
        self.encoded += 1
        self._wait_for_room()
        samples, layout = level()

        def encode(f: PieceFormat, key: str) -> EncodedPiece:
            started = time.perf_counter()
            held = encode_under_ceiling(lambda limit_db: f.encode(samples, layout.sample_rate, limit_db, first),
                                        f.decode, f.ceiling_dbtp, sample_peak_ceiling_db(f.ceiling_dbtp),
                                        f"{what} ({f.name})")
            piece = replace(layout, frames=held.data, true_peak_dbtp=held.true_peak_dbtp, limit_db=held.limit_db)
            self.caches[f.name].put(key, piece)
            self.encoded_s[f.name] += time.perf_counter() - started
            return piece

        for f, key in missing:
            futures[f.name] = self.pool.submit(encode, f, key)
            self._encoding.append(futures[f.name])
        return futures

    def _wait_for_room(self) -> None:
        """Level the next piece once no more encodings than threads are queued or running: levelling is faster
        than encoding, and every piece levelled ahead holds its samples until its turn (else the whole episode's
        levelled samples wait in memory)."""
        self._encoding = [f for f in self._encoding if not f.done()]
        while len(self._encoding) > self.threads:
            wait(self._encoding, return_when=FIRST_COMPLETED)
            self._encoding = [f for f in self._encoding if not f.done()]

    def __enter__(self) -> PieceEncoder:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
