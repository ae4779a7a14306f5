"""Content-addressed cache of voiced segments: the key covers everything that changes the audio."""
from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from .audio import SegmentAudio, SentenceTiming


def cache_key(engine_identity: str, spoken_sentences: list[str]) -> str:
    payload = json.dumps({"engine": engine_identity, "sentences": spoken_sentences}, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class SegmentCache:
    """Entries are .npz files written atomically, holding a digest of their samples that is checked on read."""

    def __init__(self, root: Path):
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.npz"

    def get(self, key: str, segment_id: str) -> SegmentAudio | None:
        """The cached audio, or None when absent or corrupt (a corrupt entry is deleted)."""
        path = self._path(key)
        try:
            with np.load(path, allow_pickle=False) as data:
                samples = data["samples"]
                meta = json.loads(str(data["meta"]))
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - any unreadable entry is rebuilt, never used
            path.unlink(missing_ok=True)
            return None
        if hashlib.sha256(samples.tobytes()).hexdigest() != meta.get("digest"):
            path.unlink(missing_ok=True)
            return None
        return SegmentAudio(
            segment_id=segment_id, samples=samples, sample_rate=meta["sample_rate"],
            sentences=tuple(SentenceTiming(*s) for s in meta["sentences"]), source=meta["source"], voice=meta["voice"],
        )

    def put(self, key: str, audio: SegmentAudio) -> None:
        meta = {
            "digest": hashlib.sha256(audio.samples.tobytes()).hexdigest(),
            "sample_rate": audio.sample_rate, "source": audio.source, "voice": audio.voice,
            "sentences": [[s.text, s.start_s, s.end_s] for s in audio.sentences],
        }
        buf = io.BytesIO()
        np.savez(buf, samples=audio.samples, meta=np.array(json.dumps(meta)))
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(buf.getvalue())
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
