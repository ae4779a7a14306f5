"""Proofing a narrator's take: what Whisper heard in it (hearing.Heard, cached by the audio's digest) aligned
with its segment's text as a listener hears it (listener.align, the listening check's scoring), sentence by
sentence (sentence_changes.segment_sentences numbers them). A sentence read differently from its text, and a
sentence whose text changed since the take was accepted, is a pickup needed: the narrator records that
sentence again, not the segment.

A stretch Whisper heard otherwise than written is the narrator's, not the recognizer's, when a second ear
(second_ear.py: pocketsphinx choosing between the written and the heard words) hears it so too."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Callable, Sequence

import numpy as np

from ..listener import Difference, Unit, align, spoken_forms, units, written_words
from ..recognition import HeardWord, words
from ..store import Store
from .second_ear import HEARD_PRIOR, SecondEar, Stretch
from .sentence_changes import compare_sentences, segment_sentences

class Why(StrEnum):
    """Why a sentence needs a pickup (the value is what the JSON outputs say)."""

    READ_DIFFERENTLY = "read differently"
    TEXT_CHANGED = "text changed"


@dataclass(frozen=True)
class Pickup:
    """A sentence of a segment to record again."""

    segment_id: str
    sentence: int
    """Its index in segment_sentences(the segment's current text)."""
    text: str
    """The sentence as the text has it now."""
    why: Why
    heard: str
    """What was heard in the take where the sentence is (its earlier wording, for a changed text; "" when nothing
    was)."""
    start_s: float
    """Where in the take (seconds from its start; both 0 when nothing of it was heard)."""
    end_s: float
    differences: tuple[tuple[str, str], ...] = ()
    """(written, heard) for each stretch read differently ("" on a side: not heard, or heard in addition)."""

    def as_json(self) -> dict:
        data = asdict(self)
        data["differences"] = [list(d) for d in self.differences]
        return {"id": data.pop("segment_id"), **data}


@dataclass(frozen=True)
class SentenceReading:
    """One sentence of a text as heard in a take."""

    text: str
    heard: str
    start_s: float
    end_s: float
    differences: tuple[Difference, ...]
    """The stretches of it Whisper heard otherwise (the second ear decides which the narrator said so)."""
    stretches: tuple[Stretch, ...]
    """Per difference, the stretch the second ear weighs."""


def _sentence_units(text: str) -> tuple[list[str], list[Unit], list[int]]:
    """The text's sentences, their units in order, and the sentence of each unit."""
    sentences = segment_sentences(text)
    all_units, owner = [], []
    for n, sentence in enumerate(sentences):
        these = units(written_words(sentence))
        all_units += these
        owner += [n] * len(these)
    return sentences, all_units, owner


def readings(text: str, heard: Sequence[HeardWord], respell: Callable[[str], str] = str
             ) -> list[SentenceReading]:
    """Each sentence of text as heard in the take whose words are heard (in order)."""
    sentences, written, owner = _sentence_units(text)
    said = units([w.word for w in heard])
    alignment = align(written, said, spoken_forms(written, respell))
    heard_words: list[set[int]] = [set() for _ in sentences]
    found: list[list[tuple[Difference, Stretch]]] = [[] for _ in sentences]

    def words_of(first: int, count: int) -> set[int]:
        return {w for u in said[first:first + count] for w in range(u.first, u.first + u.count)}

    heard_as: dict[int, set[int]] = {}
    for a, b, c, d in alignment.matches:
        got = words_of(c, d - c)
        heard_words[owner[a]] |= got
        for k in range(a, b):
            heard_as[k] = got
    for diff in alignment.differences:
        if diff.written_count:
            owners = sorted({owner[k] for k in range(diff.first_written, diff.first_written + diff.written_count)})
        else:  # heard in addition: the sentence before it (the first, at the start)
            owners = [owner[max(min(diff.first_written, len(owner)) - 1, 0)]] if owner else []
        got = words_of(diff.first_heard, diff.heard_count)
        stretch = _stretch(diff, written, heard, got, heard_as, respell)
        for n in owners:
            heard_words[n] |= got
            found[n].append((diff, stretch))
    out = []
    for n, sentence in enumerate(sentences):
        idx = sorted(heard_words[n])
        start, end = (heard[idx[0]].start_s, heard[idx[-1]].end_s) if idx else (0.0, 0.0)
        out.append(SentenceReading(sentence, " ".join(heard[i].word for i in idx), start, end,
                                   tuple(d for d, _ in found[n]), tuple(x for _, x in found[n])))
    return out


def _stretch(diff: Difference, written: list[Unit], heard: Sequence[HeardWord], got: set[int],
             heard_as: dict[int, set[int]], respell: Callable[[str], str]) -> Stretch:
    """The difference as the second ear weighs it: its words (the written ones as spelled or as the lexicon has
    them said), the matched word on each side, and where they are in the take (from its start, or to its end,
    when no word is matched before or after it)."""
    before_unit, after_unit = diff.first_written - 1, diff.first_written + diff.written_count
    before = heard_as.get(before_unit, set())
    after = heard_as.get(after_unit, set())
    context = lambda k, found: tuple(words(written[k].text).split()) if found else ()
    said = tuple(words(diff.written).split())
    respelled = tuple(words(respell(diff.written)).split())
    start = min(heard[i].start_s for i in before | got) if before else 0.0
    end = max(heard[i].end_s for i in after | got) if after else heard[-1].end_s + 1.0 if heard else 0.0
    return Stretch(context(before_unit, before), tuple(dict.fromkeys([said, respelled])),
                   tuple(words(" ".join(heard[i].word for i in sorted(got))).split()), context(after_unit, after),
                   start, max(end, start))


def misread(segment_id: str, text: str, heard: Sequence[HeardWord], samples: np.ndarray, sample_rate: int,
            ear: SecondEar, respell: Callable[[str], str] = str) -> list[Pickup]:
    """The sentences of text the take (its samples, its words heard) reads differently: a stretch Whisper heard
    otherwise that the second ear hears so too."""
    out = []
    for n, r in enumerate(readings(text, heard, respell)):
        counted = tuple((d.written, d.heard) for d, x in zip(r.differences, r.stretches)
                        if ear.says_heard(samples, sample_rate, x))
        if counted:
            out.append(Pickup(segment_id, n, r.text, Why.READ_DIFFERENTLY, r.heard, r.start_s, r.end_s, counted))
    return out


def proof(segment_id: str, text: str, heard: Sequence[HeardWord], samples: np.ndarray, sample_rate: int,
          ear: SecondEar, respell: Callable[[str], str] = str, read_from: str | None = None) -> tuple[Pickup, ...]:
    """The pickups a take needs, in sentence order: the sentences it reads differently from the text it was
    read from (read_from, the text it was accepted against; the current text when None or the same), and,
    when the text changed since, each sentence of the current text that changed (a sentence only deleted
    needs no pickup). Sentences are numbered in the current text."""
    if read_from is None or words(read_from) == words(text):
        return tuple(misread(segment_id, text, heard, samples, sample_rate, ear, respell))
    new, compared = segment_sentences(text), compare_sentences(read_from, text)
    was, kept = readings(read_from, heard, respell), compared.kept
    out = [Pickup(segment_id, kept[p.sentence], new[kept[p.sentence]], p.why, p.heard, p.start_s, p.end_s,
                  p.differences)
           for p in misread(segment_id, read_from, heard, samples, sample_rate, ear, respell) if p.sentence in kept]
    for c in compared.changes:
        at = [r for r in was[c.old_start:c.old_end] if r.heard]
        start, end = (at[0].start_s, at[-1].end_s) if at else _gap(was, c.old_start)
        heard_there = " ".join(r.heard for r in at)
        out += [Pickup(segment_id, j, new[j], Why.TEXT_CHANGED, heard_there, start, end)
                for j in range(c.new_start, c.new_end)]
    return tuple(sorted(out, key=lambda p: p.sentence))


def _gap(was: list[SentenceReading], at: int) -> tuple[float, float]:
    """Where a sentence inserted before old sentence `at` goes in the take: the pause after the sentence before."""
    before = [r for r in was[:at] if r.heard]
    after = [r for r in was[at:] if r.heard]
    start = before[-1].end_s if before else 0.0
    return start, after[0].start_s if after else start


METHOD = "proofing 4: Whisper's differences weighed by pocketsphinx, written as spelled or as the lexicon says"
"""Change when the rule changes: every stored proof is then made again."""
SUFFIX = ".proof.json"


def _stored(data: bytes) -> tuple[Pickup, ...] | None:
    entry = json.loads(data.decode("utf-8"))
    if entry.get("method") != [METHOD, HEARD_PRIOR]:
        return None
    return tuple(Pickup(p["id"], p["sentence"], p["text"], Why(p["why"]), p["heard"], p["start_s"], p["end_s"],
                        tuple(tuple(d) for d in p["differences"])) for p in entry["pickups"])


def proofed(store: Store, audio_digest: str, segment_id: str, text: str, heard: Callable[[], Sequence[HeardWord]],
            samples: np.ndarray, sample_rate: int, respell: Callable[[str], str] = str,
            read_from: str | None = None) -> tuple[Pickup, ...]:
    """proof(), stored under the take's digest, the texts and their respellings: an unchanged take is proofed
    again without hearing or weighing anything. heard: the words heard in it (called only when not stored)."""
    said_from = None if read_from is None else respell(read_from)
    payload = json.dumps([METHOD, audio_digest, segment_id, text, respell(text), read_from, said_from],
                         ensure_ascii=False)
    key = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    found = store.load(key, _stored, SUFFIX)
    if found is None:
        found = proof(segment_id, text, heard(), samples, sample_rate, SecondEar(), respell, read_from)
        entry = {"method": [METHOD, HEARD_PRIOR], "pickups": [p.as_json() for p in found]}
        store.save(key, SUFFIX, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
    return found
