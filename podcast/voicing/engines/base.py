"""The engine interface: every voice is one small class with these members."""
from __future__ import annotations

from typing import Protocol

import numpy as np


class Engine(Protocol):
    """A loaded text-to-speech voice."""

    name: str
    """Engine name as used in voices/cast.toml, e.g. "hibari"."""
    sample_rate: int

    @property
    def identity(self) -> str:
        """Everything that changes this engine's audio (engine and model version, voice, settings), for cache keys."""

    def sentences(self, text: str) -> list[str]:
        """Split text into the sentences the engine synthesizes one at a time."""

    def synthesize(self, sentence: str) -> np.ndarray:
        """One sentence -> float32 mono samples in [-1, 1] at sample_rate; the same text gives the same audio."""
