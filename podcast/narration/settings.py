"""The producer's narration settings in episode.toml (checked by its schema, settings/episode.py):

    [narration]
    force = ["099-02-...-summary"]   # use these segments' takes even when mismatched or stale
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..settings import EpisodeFile, read_settings


def forced_segments(episode_toml: Path) -> frozenset[str]:
    """Segment ids whose takes the producer forces into the episode."""
    try:
        return frozenset(read_settings(episode_toml, EpisodeFile).narration.force)
    except InputError:
        return frozenset()  # load_episode_meta reports a missing or broken episode.toml
