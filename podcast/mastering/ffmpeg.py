"""The ffmpeg this project ships with (imageio-ffmpeg's static build with libmp3lame), for pydub and filters."""
from __future__ import annotations

import subprocess
from functools import cache

import numpy as np


@cache
def ffmpeg_exe() -> str:
    """Path of the bundled ffmpeg; also makes pydub use it (no system ffmpeg needed)."""
    import warnings

    import imageio_ffmpeg

    with warnings.catch_warnings():  # pydub warns at import that no system ffmpeg is on PATH; we set ours
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment

    exe = imageio_ffmpeg.get_ffmpeg_exe()
    AudioSegment.converter = exe
    AudioSegment.ffmpeg = exe
    return exe


def filter_float32(samples: np.ndarray, sample_rate: int, audio_filter: str) -> np.ndarray:
    """Run mono float32 samples through an ffmpeg audio filter graph and return the result."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "f32le", "-ar", str(sample_rate), "-ac", "1",
           "-i", "pipe:0", "-af", audio_filter, "-f", "f32le", "-ar", str(sample_rate), "-ac", "1", "pipe:1"]
    done = subprocess.run(cmd, input=samples.astype("<f4").tobytes(), capture_output=True, check=True)
    return np.frombuffer(done.stdout, dtype="<f4").copy()
