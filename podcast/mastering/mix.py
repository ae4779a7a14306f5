"""Mixing: sounds at one sample rate, placed on a silent track."""
from __future__ import annotations

import numpy as np


def assemble(signals: list[np.ndarray], offsets: list[int], length: int) -> np.ndarray:
    """Write each signal at its sample offset on a silent track of the given length."""
    track = np.zeros(length, np.float32)
    for signal, offset in zip(signals, offsets):
        track[offset:offset + len(signal)] = signal
    return track
