"""Does a take say its segment's text? Word error rates of what Whisper heard against every segment.

The verdict does not depend on how well the recognizer likes a voice: it compares the take's own segment
with every other segment of the episode, so a voice the recognizer hears poorly (a second TTS voice, a human
narrator with an accent, a noisy room) still has its take matched as long as its own text fits it clearly
best. A take is
- mismatched, naming the other segment, when another segment fits it better (a misfiled take);
- matched when its own text fits it clearly better (by MARGIN) than every other segment's;
- otherwise it fits no segment clearly, and only then is it judged by its error rate (at most
  NO_FIT_MAX_ERROR is matched; above, it says something else or too badly to be understood; a section
  title is too short for that and is matched when anything was heard in it);
and, whatever the words, mismatched when it is far shorter or longer than the TTS of the same text.
The whole take is heard; both sides are compared as a listener hears them (listener.listened)."""
from __future__ import annotations

from dataclasses import dataclass

import jiwer

from ..listener import listened
from ..recognition import join_split_words

MARGIN = 0.05
"""The take's own text must fit it this much better (word error rate) than any other segment's to be matched
on the comparison alone. Measured with Whisper tiny.en: AN #99's 21 summaries, opinions and news items read by
Piper's joe fit their own text at 0.01-0.23 and the closest other at 0.84-0.94; five sentences read by a person
(LibriVox), the script's title and byline unread, at 0.00-0.50 and 0.82-0.92."""
FITS_AT_MOST = 0.75
"""A text whose error rate against the take is above this does not fit it at all: between the worst own fit
measured (0.50, a three-second reading whose title and byline were not read) and the best fit of any other
segment's text (0.82). Neither a better match elsewhere nor a margin counts beyond it."""
BETTER_MATCH_MARGIN = 0.05
"""Another segment must beat the take's own by this much to count as a better match (ties stay unresolved)."""
NO_FIT_MAX_ERROR = 0.5
"""A take that fits no segment clearly is matched at up to this error rate against its own text."""
FEW_WORDS = 8
"""Texts shorter than this (section titles) are too short for that last test: a recognizer splits, joins and
mishears one-word titles whoever reads them (pocketsphinx heard "Highlights" read by Piper's joe with 90 % of
its letters wrong). Such a take is matched when anything at all was heard in it, and never when nothing was."""
LENGTH_RATIO_RANGE = (0.5, 2.0)
"""A take of the text read at any sensible pace is between half and twice as long as its TTS."""


def joined(reference: str, heard: str) -> tuple[str, str]:
    """Both sides with a word that the other writes as two or more (recognition.join_split_words) written whole:
    "ill disposed" and "illdisposed" are one word heard right."""
    reference = join_split_words(heard, reference)
    return reference, join_split_words(reference, heard)


def error_rate(reference: str, heard: str) -> float:
    """Word error rate of heard against reference, both as listener.listened() writes them (jiwer), a word split
    on one side counted once, against the reference's words."""
    if not heard:
        return 0.0 if not reference else 1.0
    if not reference:
        return float(len(heard.split()))
    out = jiwer.process_words(*joined(reference, heard))
    return (out.substitutions + out.deletions + out.insertions) / len(reference.split())


def missed_words(reference: str, heard: str) -> tuple[str, ...]:
    """The reference words (as listened() writes them) the recognizer did not hear (deleted or heard as other
    words), in text order."""
    if not heard:
        return tuple(reference.split())
    reference, heard = joined(reference, heard)
    ref = reference.split()
    if not ref:
        return ()
    out = jiwer.process_words(reference, heard)
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


def judge(segment_id: str, heard: str, texts: dict[str, str], take_s: float, tts_s: float) -> Match:
    """Judge what the recognizer heard in a take of segment_id (take_s long) against all the script's texts;
    tts_s is the length of the segment's TTS speech."""
    heard = listened(heard)
    references = {sid: listened(text) for sid, text in texts.items()}
    errors = {sid: error_rate(reference, heard) for sid, reference in references.items()}
    missed = missed_words(references[segment_id], heard)
    few = len(references[segment_id].split()) < FEW_WORDS
    matched, best_id, reason = verdict(segment_id, errors, few, bool(heard))
    low, high = LENGTH_RATIO_RANGE
    if matched and tts_s and not low <= take_s / tts_s <= high:
        matched, reason = False, f"{take_s:.1f} s long where TTS of the same text is {tts_s:.1f} s: not a reading of its text"
    return Match(errors[segment_id], best_id, errors[best_id], matched, reason, missed)
