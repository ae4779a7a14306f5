"""The show's optional music (podcast.toml [music]), decoded by ffmpeg to mono float32 at a chapter's rate."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..audio import UndecodableAudio, decode_mono
from ..config import Music
from ..errors import InputError


def decoded(path: Path, sample_rate: int) -> np.ndarray:
    """Any sound file ffmpeg reads, as mono float32 at sample_rate; an InputError when it is not one."""
    try:
        return decode_mono(path, sample_rate)
    except UndecodableAudio:
        raise InputError(path, "not a sound file ffmpeg can read") from None


def music_clips(music: Music) -> dict[str, Path]:
    """The configured clips by cue name ("intro", "outro", "between_chapters")."""
    clips = {"intro": music.intro, "outro": music.outro, "between_chapters": music.between_chapters}
    return {name: path for name, path in clips.items() if path is not None}
