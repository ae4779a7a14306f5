"""A segment's text as sentences, and which of them changed since a take was read: the unit of proofing
(a sentence read differently is a pickup needed) and of pickups (a take of whole sentences replaces them).

A sentence is numbered by its place in the segment's current text (reading.conventions.sentences, whose
pieces joined with spaces give the text back), so the narrator, the studio and the build name the same one."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from ..reading.conventions import sentences
from ..recognition import words


@dataclass(frozen=True)
class Change:
    """Sentences old[old_start:old_end] of the take's text became new[new_start:new_end] of the current text
    (an empty range on one side is an insertion or a deletion)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def segment_sentences(text: str) -> list[str]:
    """The segment's sentences, numbered from 0 in this order."""
    return sentences(text)


@dataclass(frozen=True)
class Comparison:
    """How the current text's sentences stand to those of the text a take was read from."""

    changes: list[Change]
    kept: dict[int, int]
    """Each unchanged sentence: its number in the take's text -> its number in the current text."""


def compare_sentences(old: str, new: str) -> Comparison:
    """Where the current text differs from the text the take was read from, sentence by sentence (compared as
    words(), so a change of case or punctuation alone is no change), and where each unchanged sentence went."""
    before = [words(s) for s in segment_sentences(old)]
    after = [words(s) for s in segment_sentences(new)]
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    return Comparison([Change(i1, i2, j1, j2) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"],
                      {a + k: b + k for a, b, size in matcher.get_matching_blocks() for k in range(size)})


def changed_sentences(old: str, new: str) -> list[Change]:
    """compare_sentences' changes."""
    return compare_sentences(old, new).changes


def only_deleted(old: str, new: str) -> bool:
    """The current text is the take's text less some of its sentences (and no other change)."""
    changes = changed_sentences(old, new)
    return bool(changes) and all(c.new_start == c.new_end for c in changes)
