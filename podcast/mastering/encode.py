"""MP3 encoding with pydub (through the bundled ffmpeg's LAME)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .ffmpeg import ffmpeg_exe


def encode_mp3(samples: np.ndarray, sample_rate: int, path: Path, bitrate_kbps: int) -> None:
    """Encode mono float32 samples to a CBR MP3 at the given sample rate."""
    ffmpeg_exe()
    from pydub import AudioSegment

    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2")
    segment = AudioSegment(pcm.tobytes(), frame_rate=sample_rate, sample_width=2, channels=1)
    segment.export(str(path), format="mp3", bitrate=f"{bitrate_kbps}k",
                   parameters=["-ac", "1", "-ar", str(sample_rate), "-write_xing", "1"])
