"""The pages for the producer and the narrator, from narration's per-segment statuses (plain data):

- the review page (SITE/episodes/NNN/review.html, beside the MP3, linked from nowhere), written by publish():
  the episode's waveform with chapter boundaries, each segment coloured by what listeners hear (narrator, TTS,
  stale take, mismatched take) and playable on its own from the published MP3;
- the printable recording script (`podcast script --recording-script`): each segment's id, text and take
  status."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..audio import Source, decode_mono
from ..narration import SegmentStatus, TakeState
from .templating import render

PEAK_BINS = 1200
DECODE_RATE_HZ = 4000
PAGE_NAME = "review.html"


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


def review_page_path(audio: str) -> str:
    """The review page's path under the site, beside the episode's MP3 (a path under the site too)."""
    return str(Path(audio).parent / PAGE_NAME)


def colour_of(status: SegmentStatus) -> str:
    """What the band shows: a mismatched or stale take first (whatever is heard), else the source."""
    return status.state if status.state in (TakeState.MISMATCHED, TakeState.STALE) else status.source


def label_of(status: SegmentStatus) -> str:
    heard = "narrator" if status.source == Source.NARRATOR else "TTS"
    return heard if status.state in (TakeState.NONE, TakeState.MATCHED) else f"{heard} ({status.state}{', forced' if status.forced else ''})"


def peaks(mp3: Path, bins: int = PEAK_BINS) -> np.ndarray:
    """Peak level of each of `bins` equal stretches of an MP3, from 0 to 1."""
    samples = np.abs(decode_mono(mp3, DECODE_RATE_HZ))
    edges = np.linspace(0, len(samples), bins + 1).astype(int)
    return np.array([samples[a:b].max() if b > a else 0.0 for a, b in zip(edges, edges[1:])])


def wave_path(levels: np.ndarray) -> str:
    """An SVG path of vertical bars, one per peak, centred on the middle line (viewBox height 100)."""
    return " ".join(f"M{i} {50 - 48 * v:.1f}V{50 + 48 * v:.1f}" for i, v in enumerate(np.clip(levels, 0, 1)))


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
    return render("review.html", title=title, audio=audio_name, width=width, segments=segments,
                  wave=wave_path(levels), narrated=sum(s.source == Source.NARRATOR for s in review.statuses),
                  chapters=[dict(start=round(c.start_s, 3), x=x(c.start_s), title=c.title) for c in review.chapters])


def recording_script_page(title: str, rows: list[dict]) -> str:
    """rows: narration.recording_script.rows (id, text, state, status words)."""
    return render("recording-script.html", title=title, segments=rows)
