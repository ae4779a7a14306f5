"""A real human reading (LibriVox, public domain; see tests/corpus/speech/SOURCES.md) and an episode whose
segments are the sentences read: the preface, two summaries, an opinion and a news item, each prefixed by the
script with its title and summarizer, which the reader does not say (a take that misses a few words)."""
from __future__ import annotations

import shutil
import wave
from pathlib import Path

import numpy as np

SPEECH = Path(__file__).resolve().parents[1] / "corpus" / "speech"
EPISODE = SPEECH / "episode"
READINGS = {
    "901-00-preface": "sense_and_sensibility_01_austen_64kb-0870",
    "901-01-dashwood-summary": "sense_and_sensibility_01_austen_64kb-0880",
    "901-01-dashwood-opinion-rohin": "sense_and_sensibility_01_austen_64kb-0890",
    "901-02-fanny-summary": "sense_and_sensibility_01_austen_64kb-0920",
    "901-03-norland-summary": "sense_and_sensibility_01_austen_64kb-0930",
}
"""Segment id -> the recording of its text."""


def reading(segment_id: str) -> Path:
    return SPEECH / f"{READINGS[segment_id]}.wav"


def samples(segment_id: str) -> tuple[np.ndarray, int]:
    """The reading as float32 mono and its rate."""
    with wave.open(str(reading(segment_id))) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2")
        return pcm.astype(np.float32) / 32768, w.getframerate()


def human_episode(show: Path) -> Path:
    """A copy of the episode folder in a show folder (from the show_dir fixture)."""
    folder = show / "episodes" / "901"
    shutil.copytree(EPISODE, folder)
    return folder
