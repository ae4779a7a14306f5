"""A whole-episode take (recordings/full.*): which segments it holds, and where each is cut.

The take is force-aligned to the script's sentences in order, each optional (alignment.py),
so a take of only some segments (the preface alone; the intro, a heading and one summary) yields those and no
others, and a narrator may leave out a sentence (a summary's title and byline) of a segment he reads. A
segment is in the take when at least half of its words are, its last sentence read to the end; it is cut
from just before its first word to just after its last, at the recogniser's word boundaries."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..recognition import words
from .alignment import PlacedText
from .transcripts import Transcripts

SPEECH_ABOVE_PEAK = 0.02
"""Reference TTS is trimmed to where it rises above 2 % of its peak."""
READ_FRACTION = 0.5
"""A segment is in the take when at least this share of its words were placed in it (the rest are sentences
the narrator left out, as a summary's title and byline), its last sentence among them."""
CUT_MARGIN_S = 0.01
"""Kept before a segment's first word and after its last (the recogniser's boundaries are in 10 ms frames)."""


@dataclass(frozen=True)
class Span:
    """Where a stretch of speech sits in a recording, in seconds."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def speech_bounds(samples: np.ndarray) -> tuple[int, int]:
    loud = np.flatnonzero(np.abs(samples) > SPEECH_ABOVE_PEAK * (np.max(np.abs(samples)) if len(samples) else 0))
    return (int(loud[0]), int(loud[-1]) + 1) if len(loud) else (0, len(samples))


def sentences(text: str) -> list[str]:
    """The text's sentences as words()."""
    return [w for w in (words(s) for s in re.split(r"(?<=[.!?])\s+", text)) if w]


def spans_of(placed: list[PlacedText], total_s: float) -> list[Span | None]:
    """Each text's span from its aligned words (margins added, never over a neighbour's words), None for a
    text not read: fewer than READ_FRACTION of its words placed, or its last sentence not read to the end (a
    take that stops inside a segment leaves the whole segment to TTS rather than cut it short)."""
    placed = [t.words if read(t) else [] for t in placed]
    firsts = [ws[0].start_s for ws in placed if ws]
    lasts = [ws[-1].end_s for ws in placed if ws]
    out: list[Span | None] = []
    n = 0
    for ws in placed:
        if not ws:
            out.append(None)
            continue
        before = lasts[n - 1] if n else 0.0
        after = firsts[n + 1] if n + 1 < len(firsts) else total_s
        out.append(Span(max(ws[0].start_s - CUT_MARGIN_S, before), min(ws[-1].end_s + CUT_MARGIN_S, after)))
        n += 1
    return out


def read(placed: PlacedText) -> bool:
    """Whether a text is in the take, by what the alignment placed of it."""
    return placed.read_to_end and len(placed.words) >= READ_FRACTION * placed.grammar_words


def cut_points(take: np.ndarray, sample_rate: int, texts: list[str], recognizer: Transcripts, key: str
               ) -> list[Span | None]:
    """Each segment's span in the whole-episode take (key: its digest), or None where the narrator did not
    read it."""
    placed = recognizer.aligned(take, sample_rate, [sentences(t) for t in texts], key)
    return spans_of(placed, len(take) / sample_rate)
