"""Segments -> timeline: chapters as runs of segments, the pieces each chapter is encoded in and what each
holds and where, and where each segment and chapter is heard in the episode. Pure functions."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import PodcastError
from ..links import published_link
from ..scripting import Segment

PAUSE_IN_CHAPTER_S = 0.5
PAUSE_BETWEEN_CHAPTERS_S = 1.2
PAUSE_AROUND_MUSIC_S = 0.5
PIECE_SENTENCES = 8
"""A chapter is encoded in pieces of at most this many sentences (a music clip counts as one), cut between
sentences where the sound is silent (mastering.sentences_to_cut): an edit levels and encodes again only the
piece it falls in (about 40 s of speech, not a whole chapter), and a piece is long enough that starting its
encoders costs little beside encoding it. Counting sentences, not seconds, keeps the cuts where they were when
an edit changes a sentence's length (an added or removed sentence moves the cuts after it in its chapter)."""


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
    """Only ever a link links.published_link passes: the tags, the Opus comments and the JSON chapters are
    written from here."""
    start_s: float
    end_s: float

    def __post_init__(self):
        object.__setattr__(self, "url", published_link(self.url))


@dataclass(frozen=True)
class Cut:
    """One sound in a piece: a segment's speech (all of it, or some of its sentences), or a music clip, after
    a pause."""

    pause_before_s: float
    segment: int | None
    """Index of the segment in the script; None for music."""
    music: str | None = None
    """"intro", "outro" or "between_chapters" for music."""
    sentences: range | None = None
    """The segment's sentences this cut holds (None: its whole sound)."""


@dataclass(frozen=True)
class PiecePlan:
    """A piece: its cuts in order, then silence to its end (for a chapter's last piece, the pause before the
    next chapter)."""

    cuts: tuple[Cut, ...]
    tail_s: float


def chapter_runs(segments: list[Segment]) -> list[range]:
    """The segment indices of each chapter: runs of consecutive segments of the same chapter (by its index:
    neighbouring chapters may share a title)."""
    runs: list[range] = []
    for i, segment in enumerate(segments):
        if i and segment.chapter_index == segments[i - 1].chapter_index:
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


def split_plan(plan: PiecePlan, sentence_counts: dict[int, int], per_piece: int = PIECE_SENTENCES) -> list[PiecePlan]:
    """A chapter's plan cut into pieces of at most per_piece sentences (sentence_counts: segment index -> its
    sentences; 0 for a sound not timed by sentence, which counts as one and is never split). The pause before a
    cut opens the piece it starts; only the last piece keeps the chapter's tail."""
    pieces: list[list[Cut]] = [[]]
    room = per_piece
    for cut in plan.cuts:
        count = sentence_counts.get(cut.segment, 0) if cut.segment is not None else 0
        if count == 0:
            if not room:
                pieces.append([])
                room = per_piece
            pieces[-1].append(cut)
            room -= 1
            continue
        start = 0
        while start < count:
            if not room:
                pieces.append([])
                room = per_piece
            stop = min(count, start + room)
            whole = start == 0 and stop == count
            pieces[-1].append(Cut(cut.pause_before_s if start == 0 else 0.0, cut.segment, cut.music,
                                  None if whole else range(start, stop)))
            room -= stop - start
            start = stop
    return [PiecePlan(tuple(cuts), plan.tail_s if k == len(pieces) - 1 else 0.0) for k, cuts in enumerate(pieces)]


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
