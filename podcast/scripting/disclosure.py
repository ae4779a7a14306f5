"""Who reads an episode, said in its audio: the opening statement (a segment of its own right after the intro)
and, when the producer asks for it, an announcement where a chapter read by the synthetic voice starts.

The statement is true of what listeners hear, so it depends on which segments come from the narrator's takes,
the statement's own included: none, the synthetic wording; some, the mixed one; all, the narrator's. The build
decides it once the takes are judged; before that (`podcast script`) it is what the takes found in recordings/
would make it. Wordings are podcast.toml's [disclosure] (config.Disclosure)."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from enum import StrEnum

from ..config import Show
from .ear import for_the_ear
from .segment import Script, Segment, SegmentKind


class Reading(StrEnum):
    """How an episode is read (the value is what the catalog records)."""

    SYNTHETIC = "synthetic"
    """Every segment by the synthetic voice."""
    MIXED = "mixed"
    """Some segments from the narrator's takes, the others by the synthetic voice."""
    NARRATOR = "narrator"
    """Every segment from the narrator's takes."""


def statement(show: Show, reading: Reading) -> str:
    """The statement as written (for the metadata): the show's wording for this reading."""
    return getattr(show.disclosure, reading.value).format(narrator=show.narrator_name)


def statement_segment(number: int, show: Show, chapter: str, chapter_url: str | None) -> Segment:
    """The opening's statement, worded for an episode the synthetic voice reads (with_statement rewords it)."""
    return Segment(id=f"{number:03d}-00-disclosure", kind=SegmentKind.DISCLOSURE, chapter=chapter, chapter_index=0,
                   role="narrator", chapter_url=chapter_url, text=for_the_ear(statement(show, Reading.SYNTHETIC)))


def statement_of(script: Script) -> Segment | None:
    """The script's statement segment (None when the show keeps it out of the audio)."""
    return next((s for s in script.segments if s.kind == SegmentKind.DISCLOSURE), None)


def reading_of(script: Script, narrated: Collection[str]) -> Reading:
    """How the script is read when the segments whose ids are in `narrated` come from the narrator's takes."""
    read = [s.id in narrated for s in script.segments]
    return Reading.NARRATOR if all(read) else Reading.MIXED if any(read) else Reading.SYNTHETIC


def with_statement(script: Script, show: Show, reading: Reading) -> Script:
    """The script with its statement worded for `reading` (the same script when it has none)."""
    text = for_the_ear(statement(show, reading))
    return replace(script, segments=tuple(replace(s, text=text) if s.kind == SegmentKind.DISCLOSURE else s
                                          for s in script.segments))


def with_announcements(script: Script, show: Show, narrated: Collection[str]) -> Script:
    """With [disclosure] announce_synthetic_chapters on, in an episode that some takes read: before the first
    segment of each chapter after the opening that no take reads, a segment saying a synthetic voice reads it
    (id NNN-CC-announcement, CC the chapter's index)."""
    if not show.disclosure.announce_synthetic_chapters or not any(s.id in narrated for s in script.segments):
        return script
    chapters: dict[int, list[Segment]] = {}
    for segment in script.segments:
        chapters.setdefault(segment.chapter_index, []).append(segment)
    text = for_the_ear(show.disclosure.chapter)
    segments = []
    for index, members in chapters.items():
        first = members[0]
        if index > 0 and not any(s.id in narrated for s in members):
            segments.append(replace(first, id=f"{first.id.split('-')[0]}-{index:02d}-announcement",
                                    kind=SegmentKind.ANNOUNCEMENT, role="narrator", text=text))
        segments += members
    return replace(script, segments=tuple(segments))
