"""The sound's RMS envelope, for the review page's waveform: each chapter piece's envelope is computed from its
levelled samples when it is encoded and cached beside it, and the episode's is laid out from its pieces', so
the waveform never needs the whole MP3 decoded again. Pure functions."""
from __future__ import annotations

import numpy as np

ENVELOPE_HZ = 20
"""RMS windows per second (50 ms each): finer than any page draws, and 26,000 numbers for a 21-minute episode."""


def rms_envelope(samples: np.ndarray, sample_rate: int) -> list[float]:
    """RMS of each consecutive 1/ENVELOPE_HZ window of mono samples (the last one partial), from 0 on."""
    window = max(1, round(sample_rate / ENVELOPE_HZ))
    squares = np.square(np.asarray(samples, dtype=np.float64))
    sums = np.add.reduceat(squares, np.arange(0, len(squares), window)) if len(squares) else np.zeros(0)
    sizes = np.diff(np.append(np.arange(0, len(squares), window), len(squares)))
    return [round(float(v), 5) for v in np.sqrt(sums / np.maximum(sizes, 1))]


def episode_envelope(pieces: list[list[float]], heard_from_s: list[float], duration_s: float) -> np.ndarray:
    """The episode's envelope at ENVELOPE_HZ: each piece's laid from where its sound is heard (its start in the
    episode plus the encoder's delay); silence elsewhere."""
    envelope = np.zeros(max(1, round(duration_s * ENVELOPE_HZ)))
    for values, start_s in zip(pieces, heard_from_s):
        at = round(start_s * ENVELOPE_HZ)
        kept = values[:max(0, len(envelope) - at)]
        envelope[at:at + len(kept)] = np.maximum(envelope[at:at + len(kept)], kept)
    return envelope
