"""The published audio as an independent decoder hears it."""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from podcast.audio import ffmpeg_exe


def decode(path: Path, rate: int = 44100) -> np.ndarray:
    """Mono float32 samples at `rate`, decoded by ffmpeg (which honours the LAME gapless header)."""
    out = subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(path), "-f", "f32le", "-ac", "1", "-ar",
                          str(rate), "pipe:1"], capture_output=True, check=True).stdout
    return np.frombuffer(out, "<f4")
