"""The sound's RMS envelope, for the review page's waveform: each piece's envelope is computed from its
levelled samples when it is encoded and cached beside it, and the episode's is laid out from its pieces', so
the waveform never needs the whole MP3 decoded again. Pure functions."""
from __future__ import annotations

import numpy as np

ENVELOPE_HZ = 20
"""RMS windows per second (50 ms each): finer than any page draws, and 26,000 numbers for a 21-minute episode."""


def rms_envelope(samples: np.ndarray, sample_rate: int) -> list[float]:
    """RMS of each consecutive 1/ENVELOPE_HZ window of mono samples (the last one partial), from 0 on."""
    window = max(1, round(sample_rate / ENVELOPE_HZ))
    samples = np.asarray(samples, dtype=np.float32)
    whole = len(samples) // window * window
    blocks = samples[:whole].reshape(-1, window)
    squares = list(np.einsum("ij,ij->i", blocks, blocks, dtype=np.float64) / window)  # no copy of the samples
    if whole < len(samples):
        tail = samples[whole:].astype(np.float64)
        squares.append(float(np.mean(tail * tail)))
    return [round(float(np.sqrt(v)), 5) for v in squares]


def episode_envelope(pieces: list[list[float]], heard_from_s: list[float], duration_s: float) -> np.ndarray:
    """The episode's envelope at ENVELOPE_HZ: each piece's laid from where its sound is heard (its start in the
    episode plus the encoder's delay); silence elsewhere."""
    envelope = np.zeros(max(1, round(duration_s * ENVELOPE_HZ)))
    for values, start_s in zip(pieces, heard_from_s):
        at = round(start_s * ENVELOPE_HZ)
        kept = values[:max(0, len(envelope) - at)]
        envelope[at:at + len(kept)] = np.maximum(envelope[at:at + len(kept)], kept)
    return envelope
