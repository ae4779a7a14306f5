"""Loudness (measured by loudness.py: BS.1770, libebur128) and peaks: each sound of a piece (a
segment or some of its sentences, a music clip) gets the gain that brings its whole segment or clip to its
target, the piece goes once through a low-pass and a look-ahead limiter, and each sound gets back the loudness
these took.
The encoder's own limiter (encode.py) then holds the peaks that resampling and rounding leave."""
from __future__ import annotations

import numpy as np

from ..audio import filter_float32
from ..loudness import integrated_lufs
from .mix import assemble

MP3_OVERSHOOT_DB = 1.5
"""How far below the true-peak ceiling sample peaks are held before encoding: room for the peaks the MP3
encoder adds at 64 kbps (0.2-0.7 dB on AN #99's chapters once the sound is low-passed) and between samples."""
MAKEUP_HEADROOM_DB = 1.0
"""The levelling limiter works this much under the encoder's, so that giving back the loudness it took
(0.4-0.9 LU for hibari's speech) leaves the peaks under the encoder's ceiling."""
MP3_LOUDNESS_LOSS_LU = 0.4
"""LAME at 64 kbps drops high, quiet detail: AN #99's chapters decode 0.35-0.5 LU quieter than they went in, so
sounds are levelled this much above their target."""
LEVEL_STEP_DB = 0.1
"""Gains are set in steps this fine: far under what a listener hears (it adds at most 0.05 dB to a sound's
distance from its target)."""
LOWPASS_HZ = 11000
"""Speech loses nothing above this, and content near 12 kHz made LAME overshoot by up to 2.8 dB at 64 kbps."""
def gain_to(samples: np.ndarray, sample_rate: int, target_lufs: float) -> float:
    """Linear gain that brings samples to the target loudness (1.0 when they cannot be measured)."""
    lufs = integrated_lufs(samples, sample_rate)
    return 1.0 if not np.isfinite(lufs) else float(10 ** ((target_lufs - lufs) / 20))


def level_steps(samples: np.ndarray, sample_rate: int, target_lufs: float) -> int:
    """The gain, in LEVEL_STEP_DB steps, that brings a whole sound to its target (plus MP3_LOUDNESS_LOSS_LU); 0
    for silence. A segment cut into several pieces has one gain, measured over all of it, and an edit that moves
    its loudness by less than a step leaves its other pieces as they were."""
    lufs = integrated_lufs(samples, sample_rate)
    return 0 if not np.isfinite(lufs) else round((target_lufs + MP3_LOUDNESS_LOSS_LU - lufs) / LEVEL_STEP_DB)


def gain_of(steps: int) -> np.float32:
    return np.float32(10 ** (steps * LEVEL_STEP_DB / 20))


def limiter_filter(ceiling_db: float) -> str:
    """ffmpeg's look-ahead brickwall limiter holding sample peaks under the ceiling, its delay compensated."""
    return f"alimiter=limit={10 ** (ceiling_db / 20):.6f}:attack=5:release=50:level=disabled:latency=1"


def sample_peak_ceiling_db(ceiling_dbtp: float) -> float:
    """The sample peak, before encoding, that keeps the MP3's true peak under ceiling_dbtp."""
    return ceiling_dbtp - MP3_OVERSHOOT_DB


def level_piece(signals: list[np.ndarray], gains: list[np.float32], offsets: list[int], length: int,
                sample_rate: int, ceiling_dbtp: float) -> np.ndarray:
    """A piece: each signal scaled by its gain (level_steps of the whole sound it is part of) and placed at its
    offset; the whole low-passed and limited by FFmpeg's filters; then each signal given back the loudness these
    took from it."""
    gained = [s * g for s, g in zip(signals, gains)]
    track = assemble(gained, offsets, length)
    if not len(track):
        return track
    limit_db = sample_peak_ceiling_db(ceiling_dbtp) - MAKEUP_HEADROOM_DB
    lowpass = f"lowpass=f={min(LOWPASS_HZ, sample_rate * 0.45):.0f}:p=2"
    track = filter_float32(track, sample_rate, [lowpass, limiter_filter(limit_db)])
    for signal, offset in zip(gained, offsets):
        span = slice(offset, offset + len(signal))
        track[span] *= np.float32(gain_to(track[span], sample_rate, integrated_lufs(signal, sample_rate)))
    return track
