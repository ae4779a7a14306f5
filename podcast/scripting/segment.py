"""The spoken script: segments, the unit of voicing, and what was deliberately left unspoken."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from ..reading import Skipped


class SegmentKind(StrEnum):
    """What part of the issue a segment reads (the value is what the JSON outputs say)."""

    INTRO = "intro"
    DISCLOSURE = "disclosure"
    """Who reads the episode (scripting/disclosure.py)."""
    PREFACE = "preface"
    SECTION = "section"
    HIGHLIGHT = "highlight"
    SUMMARY = "summary"
    NEWS = "news"
    OPINION = "opinion"
    OUTRO = "outro"
    ANNOUNCEMENT = "announcement"
    """That a synthetic voice reads the chapter it starts ([disclosure] announce_synthetic_chapters)."""


@dataclass(frozen=True)
class Segment:
    """One piece of speech with a stable id derived from the issue's structure, never from its text."""

    id: str
    """e.g. "099-02-is-bert-really-robust-summary"."""
    kind: SegmentKind
    chapter: str
    """Title of the chapter the segment belongs to (for display: two chapters may share a title)."""
    chapter_index: int
    """Which chapter the segment belongs to, in script order from 0 (the opening): what groups segments into
    chapters."""
    role: str
    """Who speaks it, as the cast names roles: narrator, section, "opinion:NAME"..."""
    text: str
    """What is spoken."""
    chapter_url: str | None = None

    @property
    def text_hash(self) -> str:
        """Tells when a narrator's take of this segment went stale."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Script:
    """An episode's segments in speaking order, and the source text skipped as boilerplate."""

    segments: tuple[Segment, ...]
    skipped: tuple[Skipped, ...]
