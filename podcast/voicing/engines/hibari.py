"""hibari-tts: the default voice ("heart" ships inside the wheel: no download)."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version
from typing import ClassVar

import numpy as np

from .base import Engine, VoiceInfo, unknown_settings

SEED = 0
"""Fixed noise seed: hibari's output is then bit-identical run to run and across thread counts."""
SAMPLE_RATE = 24000


@dataclass
class HibariEngine(Engine):
    name: ClassVar[str] = "hibari"
    voice: str = "heart"
    threads: int = 1
    sample_rate: int = field(default=SAMPLE_RATE, init=False)

    def __post_init__(self):
        from hibari import Hibari

        self._model = _model_path(self.voice)
        self._tts: Hibari | None = None
        self.sample_rate = Hibari.sample_rate

    @property
    def tts(self):
        """The model, loaded on first use (~300 MB): a build's driver only splits sentences and names the voice
        while its worker processes speak, and `podcast status` speaks only what the cache lacks."""
        if self._tts is None:
            from hibari import Hibari

            self._tts = Hibari(voice=self.voice, model=self._model, threads=self.threads)
        return self._tts

    @property
    def identity(self) -> str:
        return f"hibari-tts {version('hibari-tts')} voice={self.voice} seed={SEED}"

    def sentences(self, text: str) -> list[str]:
        from hibari import Hibari

        return Hibari.split_sentences(text)  # hibari's own splitter, which knows its inline phoneme markup

    def speak(self, sentence: str) -> np.ndarray:
        return self.tts(sentence, seed=SEED)

    @classmethod
    def check(cls, voice: str, options: dict) -> None:
        unknown_settings("hibari", options, set())
        _model_path(voice)

    @classmethod
    def load(cls, voice: str, options: dict, threads: int = 1) -> HibariEngine:
        cls.check(voice, options)
        return cls(voice=voice, threads=threads)

    @classmethod
    def describe(cls) -> list[VoiceInfo]:
        from hibari.voices import VOICES

        out = []
        for voice, meta in VOICES.items():
            try:
                _model_path(voice)
                installed = True
            except LookupError:
                installed = False
            what = f"{meta['accent']} {meta['gender']}, Kokoro {meta['kokoro']}"
            out.append(VoiceInfo("hibari", voice, installed, bool(meta.get("bundled")), SAMPLE_RATE,
                                 what + ("" if installed else "; downloads on first use")))
        return out


def _model_path(voice: str):
    """The voice's model file; a LookupError when it is unknown or would need a download."""
    from hibari.voices import VOICES, voice_path

    if voice not in VOICES:
        raise LookupError(f"hibari has no voice {voice!r} (voices: {', '.join(VOICES)})")
    try:
        return voice_path(voice, download_missing=False)
    except FileNotFoundError:
        raise LookupError(f"hibari voice {voice!r} is not installed and would need a download; "
                          f"use voice 'heart', which ships with hibari-tts") from None

