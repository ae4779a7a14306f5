"""Does a take say its segment's text? Word error rates of what the recogniser heard against every segment.

A take is mismatched when it matches another segment better (a misnamed take: it is reported with that
segment), when its error rate is far above what the same recogniser gets on TTS of the same text (it
says something else, or too badly to be understood), or when its length is far from the TTS's. Error rates
of very short texts (section titles) are too noisy for the second test, so only the others apply to them.
Only a recording's beginning is recognised (transcripts.HEARD_S); its error rate then counts the words up to
where the heard words end, not the text's unheard rest."""
from __future__ import annotations

from dataclasses import dataclass

import jiwer

from ..recognition import words

FAR_ABOVE_TTS = 0.35
"""Mismatched when the take's word error rate exceeds the TTS's by more than this (35 points)."""
MIN_WORDS_FOR_RATE_TEST = 8
BETTER_MATCH_MARGIN = 0.05
"""Another segment must beat the take's own by this much word error rate to count as a better match."""
BETTER_MATCH_MAX_ERROR = 0.6
"""...and be heard with at most this error rate itself: a take of a one-word section title heard as noise is
no better match for anything."""
LENGTH_RATIO_RANGE = (0.5, 2.0)
"""A take of the text read at any sensible pace is between half and twice as long as its TTS."""


def error_rate(reference: str, heard: str, partial: bool = False) -> float:
    """Word error rate of heard against reference (both already as words()). When only the recording's
    beginning was heard (partial), it is scored against the beginning of the reference it matches best, so
    the unheard rest does not count."""
    if not heard:
        return 0.0 if not reference else 1.0
    if not reference:
        return float(len(heard.split()))
    if partial:
        errors, length = prefix_errors(reference.split(), heard.split())
        return errors / max(length, 1)
    out = jiwer.process_words(reference, heard)
    return (out.substitutions + out.deletions + out.insertions) / len(reference.split())


def prefix_errors(reference: list[str], heard: list[str]) -> tuple[int, int]:
    """The fewest word edits turning some beginning of reference into heard, and that beginning's length
    (the longest of the best). A Levenshtein table kept one column (reference word) at a time; within a
    column, insertions are a running minimum. Written here because jiwer scores whole references only: its
    alignment may match the last heard words to the same words far later in the text, so trailing
    deletions cannot be told from unheard text."""
    import numpy as np

    rows = np.arange(len(heard) + 1)
    said = np.array(heard, dtype=object)
    column = rows.copy()
    best = (int(column[-1]), 0)
    for j, word in enumerate(reference, start=1):
        steps = np.empty_like(column)
        steps[0] = j
        steps[1:] = np.minimum(column[:-1] + (said != word), column[1:] + 1)
        column = rows + np.minimum.accumulate(steps - rows)
        if column[-1] <= best[0]:
            best = (int(column[-1]), j)
    return best


@dataclass(frozen=True)
class Match:
    own_error: float
    """Word error rate of the take against its own segment."""
    tts_error: float
    """Word error rate the recogniser gets on TTS of the same text."""
    best_id: str
    """The segment the take matches best (its own when it matches)."""
    best_error: float
    matched: bool
    reason: str
    """Why it is mismatched (empty when matched)."""

    @property
    def score(self) -> float:
        """1 - word error rate against its own text, floored at 0: 1.0 is a perfect match."""
        return max(0.0, 1.0 - self.own_error)


def judge(segment_id: str, heard: str, tts_heard: str, texts: dict[str, str], take_s: float, tts_s: float,
          heard_s: float) -> Match:
    """Judge what the recogniser heard in a take of segment_id (take_s long; the first heard_s recognised),
    against all the script's texts and what it heard in the segment's TTS (tts_s long)."""
    heard = words(heard)
    errors = {sid: error_rate(words(text), heard, take_s > heard_s) for sid, text in texts.items()}
    own = errors[segment_id]
    tts = error_rate(words(texts[segment_id]), words(tts_heard), tts_s > heard_s)
    best_id = min(errors, key=lambda sid: (errors[sid], sid != segment_id))
    if best_id != segment_id and errors[best_id] < min(own - BETTER_MATCH_MARGIN, BETTER_MATCH_MAX_ERROR):
        reason = f"sounds like segment {best_id} (error rate {errors[best_id]:.0%} against {own:.0%} for its own)"
        return Match(own, tts, best_id, errors[best_id], False, reason)
    if len(words(texts[segment_id]).split()) >= MIN_WORDS_FOR_RATE_TEST and own > tts + FAR_ABOVE_TTS:
        reason = f"does not say its text (error rate {own:.0%}, TTS of the same text {tts:.0%})"
        return Match(own, tts, best_id, errors[best_id], False, reason)
    low, high = LENGTH_RATIO_RANGE
    if tts_s and not low <= take_s / tts_s <= high:
        reason = f"{take_s:.1f} s long where TTS of the same text is {tts_s:.1f} s: not a reading of its text"
        return Match(own, tts, best_id, errors[best_id], False, reason)
    return Match(own, tts, segment_id, own, True, "")
