"""Pickups: which whole sentences of a segment's current text a pickup file holds, and whether it says them.

The pickup is force-aligned to the segment's sentences (alignment.py, each sentence its own text, any left
out): the sentences it reads to their end, all their words placed, are the ones it holds; they must be
consecutive. Whisper then hears it, and the same verdict as a take's (matching.verdict) compares what it heard
with those sentences and with every other candidate: any other run of the segment's sentences, the text a
changed sentence had when the take was read, and every sentence of the other segments. A pickup that another
candidate fits better, or that fits its sentences too badly, is refused with that verdict."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..listener import listened
from ..recognition import words
from .alignment import PlacedText
from .matching import FEW_WORDS, FITS_AT_MOST, error_rate, verdict
from .sentence_changes import Change, segment_sentences
from .transcripts import Transcripts


@dataclass(frozen=True)
class PickupVerdict:
    """What became of one pickup file."""

    file: str
    """Relative to the episode folder."""
    first: int | None
    """The first sentence it holds (segment_sentences' numbering of the current text), None when none."""
    last: int | None
    accepted: bool
    reason: str = ""
    """Why it is refused (empty when accepted)."""
    used: bool = False
    """Spliced into the segment's take."""

    def sentences(self) -> str:
        return "no sentence" if self.first is None else label(self.first, self.last)

    def describe(self) -> str:
        """One line: the file and the sentences it replaces, or why it is refused or unused."""
        if not self.accepted:
            return f"{self.file}: refused: {self.reason}"
        return f"{self.file}: {'replaces' if self.used else 'holds, not used,'} {self.sentences()}"

    def as_json(self) -> dict:
        return {"file": self.file, "sentences": None if self.first is None else [self.first, self.last],
                "accepted": self.accepted, "used": self.used, "reason": self.reason, "verdict": self.describe()}


def sentence_words(text: str) -> list[str]:
    """The text's sentences (segment_sentences) as recognition.words() writes them, one per sentence."""
    return [words(s) for s in segment_sentences(text)]


def align_sentences(recognizer: Transcripts, samples: np.ndarray, sample_rate: int, text: str, key: str
                    ) -> list[PlacedText]:
    """Where each sentence of text is in a recording (key: its digest): one PlacedText per sentence."""
    return recognizer.aligned(samples, sample_rate, [[s] if s else [] for s in sentence_words(text)], key)


def held(placed: list[PlacedText]) -> list[int]:
    """The sentences read whole: every word of them placed and the sentence read to its end."""
    return [n for n, p in enumerate(placed) if p.words and p.read_to_end and len(p.words) == p.grammar_words]


def label(first: int, last: int) -> str:
    """Sentences first..last (numbered from 0) as the narrator reads them: "sentence 3", "sentences 3-4"."""
    return f"sentence {first + 1}" if first == last else f"sentences {first + 1}-{last + 1}"


def replaced(verdicts) -> set[int]:
    """The sentences (numbered from 0) the used pickups among verdicts replace."""
    return {n for v in verdicts if v.used for n in range(v.first, v.last + 1)}


def candidates(text: str, others: dict[str, str], old_text: str | None, changes: list[Change]) -> dict[str, str]:
    """Label -> text of everything a pickup of this segment may be heard as (its own runs are "sentences 3-4",
    counted from 1 as the narrator reads them)."""
    mine = segment_sentences(text)
    out = {label(i, j): " ".join(mine[i:j + 1]) for i in range(len(mine)) for j in range(i, len(mine))}
    if old_text is not None:
        before = segment_sentences(old_text)
        for c in changes:
            for k in range(c.old_start, c.old_end):
                out[f"the text of sentence {k + 1} before its edit"] = before[k]
    for sid, other in others.items():
        for k, sentence in enumerate(segment_sentences(other)):
            out[f"segment {sid} sentence {k + 1}"] = sentence
    return out


def judge_pickup(file: str, heard: str, placed: list[PlacedText], text: str, others: dict[str, str],
                 old_text: str | None = None, changes: list[Change] = ()) -> PickupVerdict:
    """The verdict on a pickup of the segment whose current text is text, from where alignment placed its
    sentences and what Whisper heard in it; others: the other segments' texts; old_text and changes: the take's
    text and how the current one differs, when it changed."""
    texts = {k: listened(v) for k, v in candidates(text, others, old_text, list(changes)).items()}
    heard = listened(heard)
    errors = {k: error_rate(v, heard) for k, v in texts.items()}
    found = held(placed)
    if not found:
        best = min(errors, key=lambda k: (errors[k], k))
        like = f": it sounds like {best} (error rate {errors[best]:.0%})" if errors[best] <= FITS_AT_MOST else ""
        return PickupVerdict(file, None, None, False, f"holds no whole sentence of its segment's text{like}")
    first, last = found[0], found[-1]
    if found != list(range(first, last + 1)):
        return PickupVerdict(file, first, last, False, f"its sentences are not consecutive ({', '.join(str(n + 1) for n in found)})")
    own = label(first, last)
    matched, best, _ = verdict(own, errors, len(texts[own].split()) < FEW_WORDS, bool(heard))
    if matched:
        return PickupVerdict(file, first, last, True)
    if best != own:
        return PickupVerdict(file, first, last, False,
                             f"sounds like {best} (error rate {errors[best]:.0%} against {errors[own]:.0%} for {own})")
    return PickupVerdict(file, first, last, False, f"does not say {own} (error rate {errors[own]:.0%})")
