"""The one loudness measure: ITU-R BS.1770 integrated loudness by libebur128 (the EBU's reference meter). Shared
because two stages level sound by it: mastering (each segment and clip to the show's target) and narration (a
pickup to its take's loudness before it is spliced in), and narration may not import mastering."""
from __future__ import annotations

import numpy as np
import pyebur128

BLOCK_S = 0.4
"""BS.1770 gates 400 ms blocks: shorter sounds are measured looped to one block."""
MEASURED_AT_ONCE = 1 << 15
"""Samples handed to libebur128 per call. Its wrapper holds the GIL while it measures, and meanwhile the threads
that feed and drain the encoders' pipes could not run, so the encoders stalled; between calls they do."""


def measure(state: pyebur128.R128State, samples: np.ndarray) -> None:
    """Add mono samples to a libebur128 meter, a block at a time (MEASURED_AT_ONCE)."""
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    for start in range(0, len(samples), MEASURED_AT_ONCE):
        block = samples[start:start + MEASURED_AT_ONCE]
        state.add_frames(block, len(block))


def integrated_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """Integrated loudness in LUFS (-inf for silence)."""
    block = round(BLOCK_S * sample_rate)
    if not len(samples) or not np.any(samples):
        return float("-inf")
    if len(samples) < block:
        samples = np.resize(samples, block)
    state = pyebur128.R128State(1, sample_rate, pyebur128.MeasurementMode.MODE_I)
    measure(state, samples)
    return float(pyebur128.get_loudness_global(state))
