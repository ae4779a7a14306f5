"""Voiced segments: the samples and where each sentence is heard."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SentenceTiming:
    text: str
    """The sentence as written in the script (before the lexicon)."""
    start_s: float
    end_s: float


@dataclass(frozen=True)
class SegmentAudio:
    """One segment's audio, float32 mono, with its sentence timings relative to its own start."""

    segment_id: str
    samples: np.ndarray
    sample_rate: int
    sentences: tuple[SentenceTiming, ...]
    source: str
    """"tts" or "narrator"."""
    voice: str
    """Engine identity or take file that produced it."""

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate
