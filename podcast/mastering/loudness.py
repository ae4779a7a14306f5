"""Loudness (ITU-R BS.1770 via pyloudnorm) and true peak: levelling segments and the whole episode."""
from __future__ import annotations

import numpy as np
import pyloudnorm
from scipy.signal import resample_poly

from .ffmpeg import filter_float32

MIN_MEASURABLE_S = 0.4
"""BS.1770 gates 400 ms blocks: shorter audio has no integrated loudness."""
LIMITER_MARGIN_DB = 1.0
"""Headroom below the true-peak ceiling for the limiter, left for MP3 encoding overshoot."""


def integrated_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """Integrated loudness in LUFS (-inf for silence or audio shorter than one block)."""
    if len(samples) < MIN_MEASURABLE_S * sample_rate:
        return float("-inf")
    return float(pyloudnorm.Meter(sample_rate).integrated_loudness(samples.astype(np.float64)))


def true_peak_dbtp(samples: np.ndarray) -> float:
    """True peak in dBTP: the sample peak of a 4x oversampled signal (BS.1770-4 annex 2)."""
    if not len(samples):
        return float("-inf")
    peak = float(np.max(np.abs(resample_poly(samples.astype(np.float64), 4, 1))))
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def gain_to(samples: np.ndarray, sample_rate: int, target_lufs: float) -> float:
    """Linear gain that brings samples to the target loudness (1.0 when they cannot be measured)."""
    lufs = integrated_lufs(samples, sample_rate)
    return 1.0 if not np.isfinite(lufs) else float(10 ** ((target_lufs - lufs) / 20))


def limit_peaks(samples: np.ndarray, sample_rate: int, ceiling_db: float) -> np.ndarray:
    """Look-ahead brickwall limiter (ffmpeg's alimiter) holding sample peaks below the ceiling."""
    limit = 10 ** (ceiling_db / 20)
    return filter_float32(samples, sample_rate, f"alimiter=limit={limit:.6f}:attack=5:release=50:level=disabled")


def master_loudness(samples: np.ndarray, sample_rate: int, target_lufs: float, ceiling_dbtp: float) -> np.ndarray:
    """Bring the episode to the target integrated loudness with true peaks under the ceiling."""
    ceiling = ceiling_dbtp - LIMITER_MARGIN_DB
    out = samples * gain_to(samples, sample_rate, target_lufs)
    for _ in range(3):
        out = limit_peaks(out, sample_rate, ceiling)
        correction = gain_to(out, sample_rate, target_lufs)
        if abs(20 * np.log10(correction)) < 0.1:
            break
        out = out * correction
    return out.astype(np.float32)
