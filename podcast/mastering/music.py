"""The show's optional music (podcast.toml [music]), decoded by ffmpeg to mono float32 at a chapter's rate."""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from ..config import Music
from ..errors import InputError
from .ffmpeg import ffmpeg_exe


def decoded(path: Path, sample_rate: int) -> np.ndarray:
    """Any sound file ffmpeg reads, as mono float32 at sample_rate; an InputError when it is not one."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(path), "-vn", "-f", "f32le", "-ac", "1",
           "-ar", str(sample_rate), "pipe:1"]
    done = subprocess.run(cmd, capture_output=True)
    samples = np.frombuffer(done.stdout, "<f4")
    if done.returncode or not len(samples):
        raise InputError(path, "not a sound file ffmpeg can read")
    return samples


def music_clips(music: Music) -> dict[str, Path]:
    """The configured clips by cue name ("intro", "outro", "between_chapters")."""
    clips = {"intro": music.intro, "outro": music.outro, "between_chapters": music.between_chapters}
    return {name: path for name, path in clips.items() if path is not None}
