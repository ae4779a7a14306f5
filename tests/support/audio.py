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


def review_wave_levels(page: Path) -> np.ndarray:
    """The bar levels (0 to 1) that a review page's waveform draws: the top edge of its filled shape."""
    import re

    [path] = re.findall(r'<path class="wave" d="([^"]*)"', page.read_text(encoding="utf-8"))
    points = [(float(x), float(y)) for x, y in re.findall(r"L([\d.]+) ([\d.]+)", path)]
    top = points[:len(points) // 2]  # the top edge left to right, then L{width} 50, then the bottom edge back
    return np.array([(50 - y) / 48 for _, y in top if y <= 50])


def rms_bars(samples: np.ndarray, bars: int) -> np.ndarray:
    """RMS of each of `bars` equal stretches of the samples, scaled so the loudest is 1."""
    edges = np.linspace(0, len(samples), bars + 1).astype(int)
    rms = np.array([np.sqrt(np.mean(np.square(samples[a:b], dtype=np.float64))) for a, b in zip(edges, edges[1:])])
    return rms / rms.max()
