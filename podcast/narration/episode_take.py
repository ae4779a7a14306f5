"""A whole-episode take (recordings/full.*): the reference it is aligned to, and its cuts per segment."""
from __future__ import annotations

import numpy as np

from ..audio import SegmentAudio
from .alignment import FEATURE_RATE_HZ, Span, align_take, to_feature_rate

SPEECH_ABOVE_PEAK = 0.02
"""Reference TTS is trimmed to where it rises above 2 % of its peak."""
READING_PAUSE_S = 0.5
"""The pause the reference leaves between segments, about what a narrator leaves reading the script through
(alignment needs only a plausible gap, not the mastered episode's own pauses)."""
CUT_MARGIN_S = 0.03
"""Kept before a cut's first and after its last speech frame."""


def speech_bounds(samples: np.ndarray) -> tuple[int, int]:
    loud = np.flatnonzero(np.abs(samples) > SPEECH_ABOVE_PEAK * (np.max(np.abs(samples)) if len(samples) else 0))
    return (int(loud[0]), int(loud[-1]) + 1) if len(loud) else (0, len(samples))


def reference(tts: list[SegmentAudio]) -> tuple[np.ndarray, list[Span]]:
    """The script read by TTS at FEATURE_RATE_HZ, each segment's speech separated by a pause, and where each
    segment's speech is in it."""
    parts, spans, t = [], [], 0.0
    pause = np.zeros(round(READING_PAUSE_S * FEATURE_RATE_HZ), np.float32)
    for audio in tts:
        samples = to_feature_rate(audio.samples, audio.sample_rate)
        start, end = speech_bounds(samples)
        samples = samples[start:end]
        if parts:
            parts.append(pause)
            t += len(pause) / FEATURE_RATE_HZ
        spans.append(Span(t, t + len(samples) / FEATURE_RATE_HZ))
        parts.append(samples)
        t += len(samples) / FEATURE_RATE_HZ
    return np.concatenate(parts) if parts else np.zeros(0, np.float32), spans


def cut_points(take: np.ndarray, sample_rate: int, tts: list[SegmentAudio]) -> list[Span | None]:
    """Each segment's span in the whole-episode take (margins added), or None where the narrator skipped it."""
    ref, ref_spans = reference(tts)
    spans = align_take(take, sample_rate, ref, FEATURE_RATE_HZ, ref_spans)
    total_s = len(take) / sample_rate
    out: list[Span | None] = []
    for span in spans:
        out.append(None if span is None else
                   Span(max(span.start_s - CUT_MARGIN_S, 0.0), min(span.end_s + CUT_MARGIN_S, total_s)))
    return out
