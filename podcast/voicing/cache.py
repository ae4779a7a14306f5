"""Content-addressed cache of voiced segments: the key covers everything that changes the audio.

Only the build's driver process writes entries (workers, local or remote, return audio to it), so the cache
needs no locking: each entry is written beside its place and renamed in, and verified when read."""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..audio import SegmentAudio, SentenceTiming, Source
from ..files import remove_temporary_files
from ..store import Store

SUFFIX = ".npz"
KEY_FORMAT = 2
"""Bump when the way a segment is synthesized from its sentences changes: every old entry is then unused."""
STALE_TMP_S = 3600
"""A half-written entry older than this belongs to no running build."""


def cache_key(source_identity: str, spoken_sentences: list[str]) -> str:
    """The key of one segment's audio.

    source_identity: everything about the voice that changes its audio (the engine's `identity`: engine and
    model version, voice, seed and other synthesis settings), or for a narrator's take its file digest and
    how it was processed. spoken_sentences: the text exactly as the engine reads it (after the lexicon)."""
    payload = json.dumps({"format": KEY_FORMAT, "source": source_identity, "sentences": spoken_sentences},
                         ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _entry_digest(key: str, samples: np.ndarray, meta: dict) -> str:
    """Digest over the key, the samples and the metadata: a flipped bit anywhere, or an entry under the
    wrong name, fails the check."""
    h = hashlib.sha256(key.encode("ascii"))
    h.update(np.ascontiguousarray(samples, "<f4"))  # hashed in place, no copy
    h.update(json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def _audio(key: str, segment_id: str, data: bytes) -> SegmentAudio:
    """An entry's audio, labelled for segment_id; ValueError when its digest does not check."""
    with np.load(io.BytesIO(data), allow_pickle=False) as entry:
        samples = entry["samples"]
        meta = json.loads(str(entry["meta"]))
        digest = str(entry["digest"])
    if samples.dtype != np.float32 or samples.ndim != 1 or digest != _entry_digest(key, samples, meta):
        raise ValueError("digest mismatch")
    return SegmentAudio(
        segment_id=segment_id, samples=samples, sample_rate=int(meta["sample_rate"]),
        sentences=tuple(SentenceTiming(str(t), float(a), float(b)) for t, a, b in meta["sentences"]),
        source=Source(meta["source"]), voice=str(meta["voice"]),
    )


@dataclass(frozen=True)
class PruneResult:
    removed: int
    removed_bytes: int
    kept: int


class SegmentCache:
    """Entries are .npz files (samples + JSON metadata + digest), one per key, under root/<2 hex>/<key>.npz."""

    def __init__(self, root: Path):
        self.root = root
        self.store = Store(root)

    def path(self, key: str) -> Path:
        return self.store.path(key, SUFFIX)

    def get(self, key: str, segment_id: str) -> SegmentAudio | None:
        """The cached audio, or None when absent or corrupt (a corrupt entry is deleted, to be rebuilt)."""
        return self.store.load(key, lambda data: _audio(key, segment_id, data), SUFFIX)

    def put(self, key: str, audio: SegmentAudio) -> None:
        """Write an entry atomically: a reader sees the old entry, the new one, or none, never half of one."""
        meta = {"sample_rate": audio.sample_rate, "source": audio.source, "voice": audio.voice,
                "sentences": [[s.text, s.start_s, s.end_s] for s in audio.sentences]}
        samples = np.ascontiguousarray(audio.samples, np.float32)
        buf = io.BytesIO()
        np.savez(buf, samples=samples, meta=np.array(json.dumps(meta, ensure_ascii=False)),
                 digest=np.array(_entry_digest(key, samples, meta)))
        self.store.save(key, SUFFIX, buf.getvalue())

    def keys(self) -> set[str]:
        return {p.stem for p in self.store.paths(SUFFIX)}

    def prune(self, keep: set[str], dry_run: bool = False) -> PruneResult:
        """Remove every entry whose key is not in keep, and old leftovers of interrupted writes (recent ones
        may belong to a build running now)."""
        removed = removed_bytes = kept = 0
        for path in self.store.paths(SUFFIX):
            if path.stem in keep:
                kept += 1
                continue
            removed += 1
            removed_bytes += path.stat().st_size
            if not dry_run:
                path.unlink(missing_ok=True)
        if not dry_run:
            remove_temporary_files(self.root, older_than_s=STALE_TMP_S)
        return PruneResult(removed, removed_bytes, kept)
