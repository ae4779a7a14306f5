"""hibari-tts: the default voice ("heart" ships inside the wheel: no download)."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version

import numpy as np

SEED = 0
"""Fixed noise seed: hibari's output is then bit-identical run to run and across thread counts."""


@dataclass
class HibariEngine:
    voice: str = "heart"
    threads: int = 1
    name: str = field(default="hibari", init=False)
    sample_rate: int = field(default=24000, init=False)

    def __post_init__(self):
        from hibari import Hibari
        from hibari.voices import VOICES, voice_path

        if self.voice not in VOICES:
            raise LookupError(f"hibari has no voice {self.voice!r} (voices: {', '.join(VOICES)})")
        try:
            model = voice_path(self.voice, download_missing=False)
        except FileNotFoundError:
            raise LookupError(f"hibari voice {self.voice!r} is not installed and would need a download; "
                              f"use voice 'heart', which ships with hibari-tts") from None
        self._tts = Hibari(voice=self.voice, model=model, threads=self.threads)
        self.sample_rate = self._tts.sample_rate

    @property
    def identity(self) -> str:
        return f"hibari-tts {version('hibari-tts')} voice={self.voice} seed={SEED}"

    def sentences(self, text: str) -> list[str]:
        return self._tts.split_sentences(text)

    def synthesize(self, sentence: str) -> np.ndarray:
        return self._tts(sentence, seed=SEED).astype(np.float32)
