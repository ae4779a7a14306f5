"""The cache folder's layout, named once: what the stages keep between builds, each cache a folder of entries
keyed by their content, so builds share them and any entry may be deleted (it is made again). The folder names
are the ones the caches have always had, so an existing cache stays valid."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CacheDirs:
    """The caches under one root (`--cache DIR`, else $PODCAST_CACHE, else the user cache dir)."""

    root: Path

    @property
    def segments(self) -> Path:
        """Voiced segments and their sentences (voicing/cache.py)."""
        return self.root / "segments"

    @property
    def shows(self) -> Path:
        """Which shows use the caches, and the segment keys each one's episodes need (voicing/cache_usage.py)."""
        return self.root / "shows"

    @property
    def recognition(self) -> Path:
        """What Whisper heard in each sound, takes and voiced segments alike (hearing.py), and where a
        whole-episode take's texts are in it (narration/transcripts.py)."""
        return self.root / "narration" / "recognition"

    @property
    def listening(self) -> Path:
        """The listening check's result for each segment: by its audio, text and respelling (listening/check.py)."""
        return self.root / "listening"

    @property
    def pieces(self) -> Path:
        """The mastered episodes' encoded pieces (mastering/pieces.py)."""
        return self.root / "pieces"

    @property
    def steps(self) -> Path:
        """Each segment's loudness steps, kept beside the pieces (mastering/pieces.py)."""
        return self.pieces / "steps"
