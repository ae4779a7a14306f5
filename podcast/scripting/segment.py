"""The spoken script: segments, the unit of voicing, and what was deliberately left unspoken."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..reading import Skipped


@dataclass(frozen=True)
class Segment:
    """One piece of speech with a stable id derived from the issue's structure, never from its text."""

    id: str
    """e.g. "099-02-is-bert-really-robust-summary"."""
    kind: str
    """intro, preface, section, highlight, summary, news, opinion or outro."""
    chapter: str
    """Title of the chapter the segment belongs to."""
    voice: str
    """Voice role from the cast: narrator, section, opinion..."""
    text: str
    """What is spoken."""
    chapter_url: str | None = None
    speaker: str = ""
    """The person whose words these are, by full name: the narrator, or an opinion's holder."""

    @property
    def text_hash(self) -> str:
        """Tells when a narrator's take of this segment went stale."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Script:
    """An episode's segments in speaking order, and the source text skipped as boilerplate."""

    segments: tuple[Segment, ...]
    skipped: tuple[Skipped, ...]
