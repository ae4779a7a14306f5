"""Stitching: voiced segments -> one mono float32 signal at the episode's sample rate."""
from __future__ import annotations

from math import gcd

import numpy as np
from scipy.signal import resample_poly

from ..voicing import SegmentAudio
from .loudness import gain_to
from .timeline import Placement


def resample(samples: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    if from_hz == to_hz:
        return samples.astype(np.float32)
    g = gcd(from_hz, to_hz)
    return resample_poly(samples, to_hz // g, from_hz // g).astype(np.float32)


def levelled(audio: SegmentAudio, sample_rate: int, target_lufs: float) -> np.ndarray:
    """A segment resampled to the episode's rate and brought to the target loudness on its own, so adjacent
    segments (TTS or a narrator's take) sound equally loud."""
    samples = resample(audio.samples, audio.sample_rate, sample_rate)
    return samples * np.float32(gain_to(samples, sample_rate, target_lufs))


def stitch(placements: list[Placement], signals: list[np.ndarray], sample_rate: int) -> np.ndarray:
    """Write each segment's signal at its place on a silent track."""
    total = max((round(p.start_s * sample_rate) + len(s) for p, s in zip(placements, signals)), default=0)
    track = np.zeros(total, np.float32)
    for placement, signal in zip(placements, signals):
        start = round(placement.start_s * sample_rate)
        track[start:start + len(signal)] = signal
    return track
