"""The producer's review page, from narration's per-segment statuses and the listening check's findings (plain
data): SITE/episodes/NNN/review.html, beside the MP3, linked from nowhere, written by publish(): the episode's
waveform (its RMS envelope as mastering measured it, nothing decoded) with chapter boundaries, each segment
coloured by what listeners hear (narrator, TTS, stale take, mismatched take) and playable on its own from the
published MP3, each word the listening check heard differently marked at its time and playable, and each point
where a pickup is spliced into a take the same."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..audio import Source
from ..listening import Finding
from ..media_names import REVIEW_PAGE
from ..narration import SegmentStatus, TakeState
from .templating import render

WAVE_BARS = 1200
ROOT = "../../"
"""From a review page (SITE/episodes/NNN/) to the site's root, where assets/review.js and review.css are."""
CONTEXT_S = 1.0
"""A finding plays from this long before its words to this long after them."""


@dataclass(frozen=True)
class Review:
    """What one episode's review page shows, besides its MP3."""

    duration_s: float
    placements: list
    """Where each segment is heard (mastering's Placement: segment, start_s, end_s)."""
    chapters: list
    """mastering's Chapter: title, start_s."""
    statuses: list[SegmentStatus]
    """What became of each segment's take (narration)."""
    envelope: np.ndarray
    """RMS of equal short windows of the episode as heard, from its start to its end (mastering's)."""
    findings: list[Finding] = field(default_factory=list)
    """Words the listening check heard differently (times within their segments)."""


def review_page_path(audio: str) -> str:
    """The review page's path under the site, beside the episode's MP3 (a path under the site too)."""
    return str(Path(audio).parent / REVIEW_PAGE)


def colour_of(status: SegmentStatus) -> str:
    """What the band shows: a mismatched or stale take first (whatever is heard), else the source."""
    return status.state if status.state in (TakeState.MISMATCHED, TakeState.STALE) else status.source


def label_of(status: SegmentStatus) -> str:
    heard = "narrator" if status.source == Source.NARRATOR else "TTS"
    return heard if status.state in (TakeState.NONE, TakeState.MATCHED) else f"{heard} ({status.state}{', forced' if status.forced else ''})"


def levels(envelope: np.ndarray, bars: int = WAVE_BARS) -> np.ndarray:
    """The waveform's bars: the RMS of each of `bars` equal stretches of the envelope's windows (a stretch
    shorter than a window takes the window it falls in), scaled so the loudest bar is 1."""
    envelope = np.asarray(envelope, dtype=np.float64)
    if not len(envelope):
        return np.zeros(bars)
    edges = np.linspace(0, len(envelope), bars + 1)
    starts = np.minimum(edges[:-1].astype(int), len(envelope) - 1)
    ends = np.maximum(edges[1:].astype(int), starts + 1)
    squares = np.concatenate([[0.0], np.cumsum(np.square(envelope))])
    rms = np.sqrt((squares[ends] - squares[starts]) / (ends - starts))
    loudest = rms.max()
    return rms / loudest if loudest > 0 else rms


def wave_path(levels: np.ndarray) -> str:
    """An SVG path of the waveform as one filled shape, mirrored about the middle line (viewBox height 100):
    bar i's level is drawn at x = i + 0.5, along the top edge and back along the bottom one."""
    half = [48 * v for v in np.clip(levels, 0, 1)]
    top = " ".join(f"L{i + 0.5:g} {50 - h:.1f}" for i, h in enumerate(half))
    bottom = " ".join(f"L{i + 0.5:g} {50 + h:.1f}" for i, h in reversed(list(enumerate(half))))
    return f"M0 50 {top} L{len(half)} 50 {bottom} Z"


def review_page(title: str, audio_name: str, review: Review, levels: np.ndarray) -> str:
    width = len(levels)
    x = lambda t: round(t / review.duration_s * width, 2) if review.duration_s else 0  # noqa: E731
    by_id = {s.segment_id: s for s in review.statuses}
    segments = []
    for p in review.placements:
        status = by_id.get(p.segment.id) or SegmentStatus(p.segment.id, Source.TTS, TakeState.NONE, None, p.duration_s,
                                                           None, None)
        segments.append(dict(
            id=p.segment.id, start=round(p.start_s, 3), end=round(p.end_s, 3), x=x(p.start_s),
            w=max(x(p.end_s) - x(p.start_s), 0.5), colour=colour_of(status), label=label_of(status),
            clock=f"{int(p.start_s // 60)}:{p.start_s % 60:04.1f}", take=status.take, note=status.note,
            score="" if status.score is None else f"{status.score:.2f}"))
    starts = {p.segment.id: p.start_s for p in review.placements}
    flagged = []
    for f in review.findings:
        if f.segment_id in starts:
            at, end = starts[f.segment_id] + f.start_s, starts[f.segment_id] + f.end_s
            flagged.append(dict(id=f.segment_id, written=f.written, heard=f.heard, x=x(at),
                                clock=f"{int(at // 60)}:{at % 60:04.1f}", start=round(max(at - CONTEXT_S, 0.0), 3),
                                end=round(end + CONTEXT_S, 3)))
    splices = [dict(id=s.segment_id, x=x(at), clock=f"{int(at // 60)}:{at % 60:04.1f}",
                    start=round(max(at - CONTEXT_S, 0.0), 3), end=round(at + CONTEXT_S, 3))
               for s in review.statuses if s.segment_id in starts for at in (starts[s.segment_id] + j for j in s.joins_s)]
    return render("review.html", title=title, audio=audio_name, root=ROOT, width=width, segments=segments,
                  findings=flagged, splices=splices,
                  wave=wave_path(levels), narrated=sum(s.source == Source.NARRATOR for s in review.statuses),
                  chapters=[dict(start=round(c.start_s, 3), x=x(c.start_s), title=c.title) for c in review.chapters])
