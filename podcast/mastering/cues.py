"""Transcript cues: each sentence where it is heard, and captions cut to what a screen shows."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np


SILENCE_DBFS = -45.0
"""Quieter than this (RMS over WINDOW_S) is the silence around a sentence, not the sentence."""
WINDOW_S = 0.01
CAPTION_LINE_CHARS = 32
CAPTION_LINES = 2


@dataclass(frozen=True)
class Cue:
    speaker: str
    start_s: float
    end_s: float
    text: str


def heard_span(samples: np.ndarray, sample_rate: int, start_s: float, end_s: float) -> tuple[float, float]:
    """Where, within the synthesis' timing of a sentence, it is heard: the span without its leading and
    trailing silence (10 ms windows quieter than SILENCE_DBFS); the whole span when it is silent throughout.

    pydub.silence does the same but steps through the windows in Python (1.2 s for AN #99); numpy takes 30 ms."""
    first, window = round(start_s * sample_rate), round(WINDOW_S * sample_rate)
    part = samples[first:round(end_s * sample_rate)]
    windows = part[:len(part) // window * window].reshape(-1, window).astype(np.float64)
    loud = np.flatnonzero(np.sqrt(np.mean(windows ** 2, axis=1)) >= 10 ** (SILENCE_DBFS / 20))
    if not len(loud):
        return start_s, end_s
    return (first + loud[0] * window) / sample_rate, (first + (loud[-1] + 1) * window) / sample_rate


def caption_texts(text: str) -> list[str]:
    """The text cut at word boundaries into captions of at most 2 lines of 32 characters, lines joined by '\\n'."""
    lines = textwrap.wrap(text, CAPTION_LINE_CHARS, break_on_hyphens=False)
    return ["\n".join(lines[i:i + CAPTION_LINES]) for i in range(0, len(lines), CAPTION_LINES)]


def captions(cue: Cue) -> list[Cue]:
    """A sentence's cue cut into captions; its time shared out by characters (the sentence's own start and
    end are kept exactly)."""
    texts = caption_texts(cue.text)
    weights = np.cumsum([0] + [len(t) + 1 for t in texts], dtype=float)
    bounds = cue.start_s + (cue.end_s - cue.start_s) * weights / weights[-1]
    return [Cue(cue.speaker, float(a), float(b), t) for t, a, b in zip(texts, bounds, bounds[1:])]
