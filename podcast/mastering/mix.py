"""Mixing: sounds at one sample rate, placed on a silent track."""
from __future__ import annotations

from math import gcd

import numpy as np
from scipy.signal import resample_poly


def resample(samples: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    if from_hz == to_hz:
        return samples.astype(np.float32)
    g = gcd(from_hz, to_hz)
    return resample_poly(samples, to_hz // g, from_hz // g).astype(np.float32)


def assemble(signals: list[np.ndarray], offsets: list[int], length: int) -> np.ndarray:
    """Write each signal at its sample offset on a silent track of the given length."""
    track = np.zeros(length, np.float32)
    for signal, offset in zip(signals, offsets):
        track[offset:offset + len(signal)] = signal
    return track
