"""What the recognizers hear in a recording: its words (Whisper, through hearing.Heard) and where a
whole-episode take's texts are in it (pocketsphinx's forced alignment), cached as small JSON files keyed by the
audio's content, so a take is recognised once however often it is built."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from ..hearing import Heard
from ..recognition import HeardWord, espeak_identity, recognizer_identity
from ..store import Store
from .alignment import METHOD, PlacedText, TimedWord, align_texts_read_in_order


def alignment_identity() -> str:
    return f"{recognizer_identity()} {METHOD} {espeak_identity()}"


def _placed(data: bytes) -> list[PlacedText] | None:
    """A cached alignment; None when another recogniser or method made it."""
    entry = json.loads(data.decode("utf-8"))
    if entry.get("engine") != alignment_identity():
        return None
    return [PlacedText([TimedWord(*w) for w in t["words"]], t["grammar_words"], t["read_to_end"]) for t in entry["texts"]]


class Transcripts:
    """Recognises recordings through a cache folder of JSON files (not sharded): the words heard in each
    (hearing.Heard's entries, which the listening check shares) and the alignments of whole-episode takes."""

    def __init__(self, folder: Path):
        self.store = Store(folder, shard=False)
        self.heard = Heard(folder)
        self.splices = folder / "splices"
        """Takes spliced with their pickups (pickup_use.py), a segment cache (voicing.cache)."""

    def words(self, samples: np.ndarray, sample_rate: int) -> list[HeardWord]:
        """The words Whisper hears in the recording (keyed by its samples' digest)."""
        return self.heard.words(samples, sample_rate)

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
