"""The engine interface: every voice is one small class with these members, and every engine module has
`load(voice, options, threads)`, `check(voice, options)` and `voices()`."""
from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class VoiceInfo:
    """One voice an engine offers, as `podcast voices` lists it."""

    engine: str
    voice: str
    installed: bool
    """Its engine and model are on this machine."""
    offline: bool
    """It synthesizes without any download (False: its model must be fetched first)."""
    sample_rate: int | None
    note: str
    """What it is, or how to install it."""


def unknown_settings(engine: str, options: dict, known: set[str]) -> None:
    """A cast setting the engine does not take is a LookupError naming the ones it does."""
    extra = sorted(set(options) - known)
    if extra:
        raise LookupError(f"{engine} has no setting {extra[0]!r} (settings: {', '.join(sorted(known)) or 'none'})")
