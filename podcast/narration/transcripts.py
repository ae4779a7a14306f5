"""What the recogniser (podcast.recognition) hears in a recording, and where a whole-episode take's texts are
in it, cached as small JSON files keyed by the audio's content, so a take is recognised once however often
it is built."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from ..files import write_atomic
from ..recognition import espeak_identity, recognizer_identity, transcribe
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


class Transcripts:
    """Transcribes the first HEARD_S of recordings through a cache folder of `<key>.json` files."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def cached(self, key: str) -> str | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data.get("text") if data.get("engine") == transcript_identity() else None

    def transcribe(self, samples: np.ndarray, sample_rate: int, key: str | None = None) -> str:
        """The words heard; key defaults to the audio's content digest."""
        key = key or audio_key(samples, sample_rate)
        text = self.cached(key)
        if text is None:
            text = transcribe(samples, sample_rate, first_s=HEARD_S)
            write_atomic(self._path(key), json.dumps({"engine": transcript_identity(), "text": text}).encode("utf-8"))
        return text

    def aligned(self, samples: np.ndarray, sample_rate: int, texts: list[list[str]], key: str) -> list[PlacedText]:
        """alignment.align_texts_read_in_order, cached under key and the texts."""
        digest = hashlib.sha256(json.dumps(texts).encode("utf-8")).hexdigest()[:16]
        path = self._path(f"{key}-aligned-{digest}")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("engine") == alignment_identity():
                return [PlacedText([TimedWord(*w) for w in t["words"]], t["grammar_words"], t["read_to_end"])
                        for t in data["texts"]]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        placed = align_texts_read_in_order(samples, sample_rate, texts)
        data = {"engine": alignment_identity(),
                "texts": [{"words": [[w.word, w.start_s, w.end_s] for w in t.words], "grammar_words": t.grammar_words,
                           "read_to_end": t.read_to_end} for t in placed]}
        write_atomic(path, json.dumps(data).encode("utf-8"))
        return placed
