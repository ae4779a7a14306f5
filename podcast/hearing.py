"""What Whisper (recognition.hear) heard in each sound, kept in the content-addressed store under the sound's
digest: a sound is heard once, however often it is built, judged or checked. The take verdict (narration) and
the listening check share the entries, so a narrator's take is heard once for both."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from .recognition import HeardWord, hear, whisper_identity
from .store import Store

SUFFIX = ".heard.json"


def audio_key(samples: np.ndarray, sample_rate: int) -> str:
    """The digest of a sound: its rate and its samples as little-endian float32."""
    h = hashlib.sha256(f"{sample_rate}:".encode())
    h.update(np.ascontiguousarray(samples, "<f4"))
    return h.hexdigest()


def _words(data: bytes) -> list[HeardWord] | None:
    """A stored entry's words; None when another recognizer or setting made it."""
    entry = json.loads(data.decode("utf-8"))
    if entry.get("engine") != whisper_identity():
        return None
    return [HeardWord(str(w), float(a), float(b), float(p)) for w, a, b, p in entry["words"]]


class Heard:
    """The words heard in sounds, through a store folder of `<key>.heard.json` files (not sharded: the folder
    narration's recognition cache has always been)."""

    def __init__(self, folder: Path):
        self.store = Store(folder, shard=False)

    def cached(self, key: str) -> list[HeardWord] | None:
        return self.store.load(key, _words, SUFFIX)

    def words(self, samples: np.ndarray, sample_rate: int, key: str | None = None) -> list[HeardWord]:
        """The words heard in the sound; key defaults to its digest (audio_key)."""
        key = key or audio_key(samples, sample_rate)
        words = self.cached(key)
        if words is None:
            words = hear(samples, sample_rate)
            entry = {"engine": whisper_identity(), "words": [[w.word, w.start_s, w.end_s, w.probability] for w in words]}
            self.store.save(key, SUFFIX, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        return words
