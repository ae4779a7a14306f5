"""What the recogniser (podcast.recognition) hears in a recording, and where a whole-episode take's texts are
in it, cached as small JSON files keyed by the audio's content, so a take is recognised once however often
it is built."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from ..recognition import espeak_identity, recognizer_identity, transcribe
from ..store import Store
from .alignment import METHOD, PlacedText, TimedWord, align_texts_read_in_order

HEARD_S = 30.0
"""Only a recording's first 30 s are recognised: enough to tell which segment it is and how well it is read,
at a fraction of the cost (pocketsphinx runs at about a tenth of real time here)."""


def transcript_identity() -> str:
    return f"{recognizer_identity()} first {HEARD_S:g} s"


def alignment_identity() -> str:
    return f"{recognizer_identity()} {METHOD} {espeak_identity()}"


def audio_key(samples: np.ndarray, sample_rate: int) -> str:
    return hashlib.sha256(f"{sample_rate}:".encode() + samples.astype("<f4").tobytes()).hexdigest()


def _text(data: bytes) -> str | None:
    """A cached transcript's text; None when another recogniser made it."""
    entry = json.loads(data.decode("utf-8"))
    return entry.get("text") if entry.get("engine") == transcript_identity() else None


def _placed(data: bytes) -> list[PlacedText] | None:
    """A cached alignment; None when another recogniser or method made it."""
    entry = json.loads(data.decode("utf-8"))
    if entry.get("engine") != alignment_identity():
        return None
    return [PlacedText([TimedWord(*w) for w in t["words"]], t["grammar_words"], t["read_to_end"]) for t in entry["texts"]]


class Transcripts:
    """Transcribes the first HEARD_S of recordings through a cache folder of `<key>.json` files (not sharded)."""

    def __init__(self, folder: Path):
        self.store = Store(folder, shard=False)

    def cached(self, key: str) -> str | None:
        return self.store.load(key, _text, ".json")

    def transcribe(self, samples: np.ndarray, sample_rate: int, key: str | None = None) -> str:
        """The words heard; key defaults to the audio's content digest."""
        key = key or audio_key(samples, sample_rate)
        text = self.cached(key)
        if text is None:
            text = transcribe(samples, sample_rate, first_s=HEARD_S)
            self.store.save(key, ".json", json.dumps({"engine": transcript_identity(), "text": text}).encode("utf-8"))
        return text

    def aligned(self, samples: np.ndarray, sample_rate: int, texts: list[list[str]], key: str) -> list[PlacedText]:
        """alignment.align_texts_read_in_order, cached under key and the texts."""
        digest = hashlib.sha256(json.dumps(texts).encode("utf-8")).hexdigest()[:16]
        entry = f"{key}-aligned-{digest}"
        placed = self.store.load(entry, _placed, ".json")
        if placed is None:
            placed = align_texts_read_in_order(samples, sample_rate, texts)
            data = {"engine": alignment_identity(),
                    "texts": [{"words": [[w.word, w.start_s, w.end_s] for w in t.words],
                               "grammar_words": t.grammar_words, "read_to_end": t.read_to_end} for t in placed]}
            self.store.save(entry, ".json", json.dumps(data).encode("utf-8"))
        return placed
