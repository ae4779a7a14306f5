"""Does a take say its segment's text? Word error rates of what the recogniser heard against every segment.

The verdict does not depend on how well the recogniser likes a voice: it compares the take's own segment
with every other segment of the episode, so a voice the recogniser hears poorly (a second TTS voice, a human
narrator with an accent, a noisy room) still has its take matched as long as its own text fits it clearly
best. A take is
- mismatched, naming the other segment, when another segment fits it better (a misfiled take);
- matched when its own text fits it clearly better (by MARGIN) than every other segment's;
- otherwise it fits no segment clearly, and only then is it judged by its error rate (at most
  NO_FIT_MAX_ERROR is matched; above, it says something else or too badly to be understood; a section
  title is too short for that and is matched when anything was heard in it);
and, whatever the words, mismatched when it is far shorter or longer than the TTS of the same text.
Only a recording's beginning is recognised (transcripts.HEARD_S); it is then scored against the beginning of
each text it matches best, not the text's unheard rest."""
from __future__ import annotations

from dataclasses import dataclass

import jiwer

from ..recognition import words

MARGIN = 0.05
"""The take's own text must fit it this much better (word error rate) than any other segment's to be matched
on the comparison alone. Measured on AN #99 read by Piper's joe, each take heard by a fresh decoder
(recognition.transcribe): own 0.13-0.85, the closest other 0.88-0.94 (the two long summaries heard worst fit
their own text by 0.06 and 0.08)."""
FITS_AT_MOST = 0.87
"""A text whose error rate against the take is above this does not fit it at all: a reading scores 0.88 and
above against any other segment's text, and at most 0.85 against its own. Neither a better match elsewhere nor
a margin counts beyond it."""
BETTER_MATCH_MARGIN = 0.05
"""Another segment must beat the take's own by this much to count as a better match (ties stay unresolved)."""
NO_FIT_MAX_ERROR = 0.5
"""A take that fits no segment clearly is matched at up to this error rate against its own text."""
FEW_WORDS = 8
"""Texts shorter than this (section titles) are too short for that last test: the recogniser splits, joins
and mishears one-word titles whoever reads them ("Highlights" read by Piper's joe was heard with 90 % of its
letters wrong). Such a take is matched when anything at all was heard in it, and never when nothing was."""
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


def missed_words(reference: str, heard: str, partial: bool = False) -> tuple[str, ...]:
    """The reference words the recogniser did not hear (deleted or heard as other words), in text order;
    with partial, only those of the beginning of the text the heard words match best (error_rate's)."""
    ref = reference.split()
    if not heard:
        return tuple(ref)
    if partial:
        ref = ref[:prefix_errors(ref, heard.split())[1]]
    if not ref:
        return ()
    out = jiwer.process_words(" ".join(ref), heard)
    return tuple(w for c in out.alignments[0] if c.type in ("delete", "substitute") for w in ref[c.ref_start_idx:c.ref_end_idx])


@dataclass(frozen=True)
class Match:
    own_error: float
    """Word error rate of the take against its own segment."""
    best_id: str
    """The segment the take matches best (its own when it matches)."""
    best_error: float
    matched: bool
    reason: str
    """Why it is mismatched (empty when matched)."""
    missed: tuple[str, ...] = ()
    """Words of its own text the recogniser did not hear in the take."""

    @property
    def score(self) -> float:
        """1 - word error rate against its own text, floored at 0: 1.0 is a perfect match."""
        return max(0.0, 1.0 - self.own_error)


def verdict(segment_id: str, errors: dict[str, float], few_words: bool = False, heard_any: bool = True
            ) -> tuple[bool, str, str]:
    """From the take's error rate against every segment: (matched, best segment id, why not); few_words: its
    text is under FEW_WORDS, heard_any: the recogniser heard some word in the take."""
    own = errors[segment_id]
    others = {sid: e for sid, e in errors.items() if sid != segment_id}
    best_other = min(others, key=lambda sid: (others[sid], sid)) if others else None
    other = others[best_other] if others else float("inf")
    if other <= FITS_AT_MOST and other < own - BETTER_MATCH_MARGIN:
        return False, best_other, f"sounds like segment {best_other} (error rate {other:.0%} against {own:.0%} for its own)"
    if own <= FITS_AT_MOST and own + MARGIN <= other:
        return True, segment_id, ""
    if own <= NO_FIT_MAX_ERROR or (few_words and heard_any):
        return True, segment_id, ""
    return False, segment_id, (f"does not say its text (error rate {own:.0%}; no segment fits it clearly, "
                               f"the closest other is {best_other} at {other:.0%})")


def judge(segment_id: str, heard: str, texts: dict[str, str], take_s: float, tts_s: float, heard_s: float) -> Match:
    """Judge what the recogniser heard in a take of segment_id (take_s long; the first heard_s recognised)
    against all the script's texts; tts_s is the length of the segment's TTS speech."""
    heard = words(heard)
    partial = take_s > heard_s
    errors = {sid: error_rate(words(text), heard, partial) for sid, text in texts.items()}
    own = errors[segment_id]
    missed = missed_words(words(texts[segment_id]), heard, partial)
    few = len(words(texts[segment_id]).split()) < FEW_WORDS
    matched, best_id, reason = verdict(segment_id, errors, few, bool(heard))
    low, high = LENGTH_RATIO_RANGE
    if matched and tts_s and not low <= take_s / tts_s <= high:
        matched, reason = False, f"{take_s:.1f} s long where TTS of the same text is {tts_s:.1f} s: not a reading of its text"
    return Match(own, best_id, errors[best_id], matched, reason, missed)
