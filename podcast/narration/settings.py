"""The producer's narration settings in episode.toml:

    [narration]
    force = ["099-02-...-summary"]   # use these segments' takes even when mismatched or stale
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..tomlfile import read_toml


def forced_segments(episode_toml: Path) -> frozenset[str]:
    """Segment ids whose takes the producer forces into the episode."""
    try:
        data = read_toml(episode_toml)
    except InputError:
        return frozenset()  # load_episode_meta reports a broken episode.toml
    force = data.get("narration", {}).get("force", [])
    if not isinstance(force, list) or not all(isinstance(x, str) for x in force):
        raise InputError(episode_toml, "[narration] force should be a list of segment ids")
    return frozenset(force)
