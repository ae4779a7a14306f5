"""Segments -> timeline: chapters as runs of segments, what each chapter's piece holds and where, and where
each segment and chapter is heard in the episode. Pure functions."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import PodcastError
from ..scripting import Segment

PAUSE_IN_CHAPTER_S = 0.5
PAUSE_BETWEEN_CHAPTERS_S = 1.2
PAUSE_AROUND_MUSIC_S = 0.5


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


@dataclass(frozen=True)
class Cut:
    """One sound in a chapter's piece: a segment's speech, or a music clip, after a pause."""

    pause_before_s: float
    segment: int | None
    """Index of the segment in the script; None for music."""
    music: str | None = None
    """"intro", "outro" or "between_chapters" for music."""


@dataclass(frozen=True)
class PiecePlan:
    """A chapter's piece: its cuts in order, then silence to the end (the pause before the next chapter)."""

    cuts: tuple[Cut, ...]
    tail_s: float


def chapter_runs(segments: list[Segment]) -> list[range]:
    """The segment indices of each chapter: runs of consecutive segments with the same chapter title."""
    runs: list[range] = []
    for i, segment in enumerate(segments):
        if i and segment.chapter == segments[i - 1].chapter:
            runs[-1] = range(runs[-1].start, i + 1)
        else:
            runs.append(range(i, i + 1))
    return runs


def plan_piece(run: range, first: bool, last: bool, music: set[str]) -> PiecePlan:
    """Speech with short pauses; intro music before the first chapter's words, outro after the last's, and the
    between-chapters sound in the middle of the pause that ends every other chapter. The piece ends in that
    pause, so pieces join in silence and the next chapter starts right where its speech does."""
    cuts = []
    if first and "intro" in music:
        cuts.append(Cut(0.0, None, "intro"))
    for i in run:
        after_music = i == run.start and bool(cuts)
        pause = 0.0 if i == run.start and not cuts else PAUSE_AROUND_MUSIC_S if after_music else PAUSE_IN_CHAPTER_S
        cuts.append(Cut(pause, i))
    if last:
        if "outro" in music:
            cuts.append(Cut(PAUSE_AROUND_MUSIC_S, None, "outro"))
        return PiecePlan(tuple(cuts), 0.0)
    if "between_chapters" in music:
        cuts.append(Cut(PAUSE_BETWEEN_CHAPTERS_S / 2, None, "between_chapters"))
        return PiecePlan(tuple(cuts), PAUSE_BETWEEN_CHAPTERS_S / 2)
    return PiecePlan(tuple(cuts), PAUSE_BETWEEN_CHAPTERS_S)


def cut_offsets(plan: PiecePlan, lengths: list[int], rate: int) -> tuple[list[int], int]:
    """Sample offset of each cut in the piece, and the piece's length, given each cut's length in samples."""
    offsets, t = [], 0
    for cut, length in zip(plan.cuts, lengths):
        t += round(cut.pause_before_s * rate)
        offsets.append(t)
        t += length
    return offsets, t + round(plan.tail_s * rate)


def chapters_of(segments: list[Segment], runs: list[range], starts_s: list[float], total_s: float) -> list[Chapter]:
    """One chapter per run, starting where its piece starts; each ends where the next starts and the last at
    the episode's real length."""
    ends = starts_s[1:] + [total_s]
    return [Chapter(segments[run.start].chapter, segments[run.start].chapter_url, start, end)
            for run, start, end in zip(runs, starts_s, ends)]


def check_chapters(chapters: list[Chapter], total_s: float) -> None:
    """A chapter list that is empty, overlaps, or runs past the audio is an error, never a file."""
    if not chapters:
        raise PodcastError("the episode has no chapters")
    for prev, chapter in zip(chapters, chapters[1:]):
        if chapter.start_s < prev.end_s - 1e-6 or chapter.start_s <= prev.start_s:
            raise PodcastError(f"chapter {chapter.title!r} overlaps {prev.title!r}")
    for chapter in chapters:
        if chapter.end_s <= chapter.start_s:
            raise PodcastError(f"chapter {chapter.title!r} ends before it starts")
    if chapters[-1].start_s >= total_s or chapters[-1].end_s > total_s + 1e-3:
        raise PodcastError(f"chapter {chapters[-1].title!r} runs past the end of the audio ({total_s:.3f} s)")
