"""How episodes say who reads them: the producer's wordings and switches (podcast.toml [disclosure]) and their
defaults, which the settings schema and the show share."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Disclosure:
    """How episodes say who reads them (podcast.toml [disclosure]); `{narrator}` in a wording is the narrator's name.
    The producer words it; whether the metadata says it is not a setting."""

    audio: bool = True
    """Say it in the opening, right after the intro; turned off, every build warns (Apple Podcasts requires
    AI-generated content to be disclosed in the audio)."""
    synthetic: str = "This episode is read by a synthetic voice."
    """When no segment comes from the narrator's takes."""
    mixed: str = "This episode is read by {narrator}, with some parts in a synthetic voice."
    """When some do."""
    narrator: str = "This episode is read by {narrator}."
    """When every segment does (the statement included)."""
    show: str = "This show is read in whole or in part by a synthetic voice."
    """Added to the show's description while any episode of the catalog uses a synthetic voice."""
    speaker: str = "Synthetic voice"
    """The transcripts' speaker of every synthesized sentence."""
    announce_synthetic_chapters: bool = False
    """In an episode some takes read, start each chapter no take reads with the `chapter` announcement."""
    chapter: str = "This part is read by a synthetic voice."
