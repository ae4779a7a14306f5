"""Segments -> timeline: where each segment, sentence and chapter starts in the episode. Pure functions."""
from __future__ import annotations

from dataclasses import dataclass

from ..scripting import Segment

PAUSE_IN_CHAPTER_S = 0.5
PAUSE_BETWEEN_CHAPTERS_S = 1.2


@dataclass(frozen=True)
class Placement:
    segment: Segment
    start_s: float
    duration_s: float

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


@dataclass(frozen=True)
class Chapter:
    title: str
    url: str | None
    start_s: float
    end_s: float


def lay_out(segments: list[Segment], durations_s: list[float]) -> list[Placement]:
    """Place segments one after another, with a longer pause where the chapter changes."""
    placements, t = [], 0.0
    for i, (segment, duration) in enumerate(zip(segments, durations_s)):
        if i:
            same = segment.chapter == segments[i - 1].chapter
            t += PAUSE_IN_CHAPTER_S if same else PAUSE_BETWEEN_CHAPTERS_S
        placements.append(Placement(segment, t, duration))
        t += duration
    return placements


def chapters_of(placements: list[Placement], total_s: float) -> list[Chapter]:
    """One chapter per run of segments with the same chapter title; each ends where the next starts and the
    last at the episode's real length."""
    starts: list[Placement] = [p for i, p in enumerate(placements)
                               if i == 0 or p.segment.chapter != placements[i - 1].segment.chapter]
    ends = [p.start_s for p in starts[1:]] + [total_s]
    return [Chapter(p.segment.chapter, p.segment.chapter_url, p.start_s, end) for p, end in zip(starts, ends)]


def check_chapters(chapters: list[Chapter], total_s: float) -> None:
    """A chapter list that is empty, overlaps, or runs past the audio is an error, never a file."""
    from ..errors import PodcastError

    if not chapters:
        raise PodcastError("the episode has no chapters")
    for prev, chapter in zip(chapters, chapters[1:]):
        if chapter.start_s < prev.end_s - 1e-6 or chapter.start_s <= prev.start_s:
            raise PodcastError(f"chapter {chapter.title!r} overlaps {prev.title!r}")
    if chapters[-1].start_s >= total_s:
        raise PodcastError(f"chapter {chapters[-1].title!r} starts past the end of the audio")
