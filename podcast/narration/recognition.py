"""What a recording says, by pocketsphinx (its wheel ships an English model: nothing is downloaded), cached
as small JSON files keyed by the audio's content, so a take is recognised once however often it is built."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib.metadata import version
from math import gcd
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

RATE_HZ = 16000
"""The rate of pocketsphinx's English acoustic model."""
HEARD_S = 30.0
"""Only a recording's first 30 s are recognised: enough to tell which segment it is and how well it is read,
at a fraction of the cost (pocketsphinx runs at about a tenth of real time here)."""


@cache
def _decoder():
    from pocketsphinx import Decoder

    return Decoder(loglevel="FATAL")


def engine_identity() -> str:
    return f"pocketsphinx {version('pocketsphinx')} en-us first {HEARD_S:g} s"


def transcribe(samples: np.ndarray, sample_rate: int) -> str:
    """Lower-case words pocketsphinx hears in the first HEARD_S of float32 mono samples."""
    g = gcd(sample_rate, RATE_HZ)
    pcm = resample_poly(samples[: round(HEARD_S * sample_rate)].astype(np.float64), RATE_HZ // g, sample_rate // g)
    pcm16 = (np.clip(pcm, -1, 1) * 32767).astype("<i2")
    decoder = _decoder()
    decoder.start_utt()
    decoder.process_raw(pcm16.tobytes(), full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def audio_key(samples: np.ndarray, sample_rate: int) -> str:
    return hashlib.sha256(f"{sample_rate}:".encode() + samples.astype("<f4").tobytes()).hexdigest()


class Recognizer:
    """Transcribes through a cache folder of `<key>.json` files (written atomically)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def cached(self, key: str) -> str | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data.get("text") if data.get("engine") == engine_identity() else None

    def transcribe(self, samples: np.ndarray, sample_rate: int, key: str | None = None) -> str:
        """The words heard; key defaults to the audio's content digest."""
        key = key or audio_key(samples, sample_rate)
        text = self.cached(key)
        if text is None:
            text = transcribe(samples, sample_rate)
            self._store(key, text)
        return text

    def _store(self, key: str, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"engine": engine_identity(), "text": text}, f)
            os.replace(tmp, self._path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
