"""Where things live in a show's folder, named once: an episode folder's files (episode.toml, the narrator's
takes in recordings/, the pipeline's takes.lock there, the studio's earlier/ takes) and the voices folder (the
cast, the lexicon). Paths only: nothing here reads a file, so every stage and the up-to-date check may use it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FULL_TAKE = "full"
"""File stem of a whole-episode take (recordings/full.<ext>), and the studio's name for it."""


@dataclass(frozen=True)
class EpisodeFolder:
    """An episode folder (episodes/NNN) and the files in it, by what they are."""

    path: Path

    @property
    def toml(self) -> Path:
        """episode.toml: number, title, date and the producer's [narration] settings."""
        return self.path / "episode.toml"

    @property
    def recordings(self) -> Path:
        """The narrator's takes, named by segment id (narration/takes.py)."""
        return self.path / "recordings"

    @property
    def takes_lock(self) -> Path:
        """The build's record of accepted takes and the text each was accepted against (narration/staleness.py)."""
        return self.recordings / "takes.lock"

    @property
    def earlier(self) -> Path:
        """Where the studio keeps the takes a new recording replaced."""
        return self.recordings / "earlier"


@dataclass(frozen=True)
class VoicesFolder:
    """A show's voices/ folder: the cast, the lexicon and the narrator's reference clips."""

    path: Path

    @classmethod
    def of(cls, show_root: Path) -> VoicesFolder:
        return cls(show_root / "voices")

    @property
    def cast(self) -> Path:
        """cast.toml: which engine and voice speaks each role."""
        return self.path / "cast.toml"

    @property
    def lexicon(self) -> Path:
        """lexicon.toml: pronunciations."""
        return self.path / "lexicon.toml"
