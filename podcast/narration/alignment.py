"""Forced alignment of a whole-episode take to the script: which of the script's sentences the narrator read,
and where each of their words is, by pocketsphinx decoding the take with a finite-state grammar of the script.

The take is decoded a window at a time. Each window's grammar is every sentence not yet placed, in order,
any of them left out or ended early (the window may end inside one). The sentences a window reads to their
end before its last SETTLED_S seconds are kept, and the next window starts where the last of them ends. A
word may be said as the dictionary has it or, if short, as its letters (acronyms); espeak-ng pronounces the
words the dictionary lacks."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

import numpy as np

from ..audio import float_to_pcm16, resample
from ..recognition import RATE_HZ, espeak_pronunciations, pocketsphinx_decoder

METHOD = "forced alignment 3: 120 s windows, finite-state grammar, spelled letters, espeak-ng guesses"
"""What shapes an alignment besides the recogniser (for caches of it): change it when the method changes."""
FRAMES_PER_S = 100
"""pocketsphinx's frame rate (10 ms frames)."""
FILLERS = re.compile(r"^(<.*>|\[.*\])$")
"""Silence, sentence marks and noises in pocketsphinx's word segmentation."""
ALTERNATIVE = re.compile(r"\(\d+\)$")
"""The mark of a word's alternative pronunciation, "word(2)"."""
WINDOW_S = 120.0
"""How much of the take one search decodes (the search's cost per second is the same for 60 s and 120 s;
longer windows decode less twice)."""
MAX_SPELLED = 4
"""A word of up to four letters may be read as its letters (AI, OOD, BERT)."""
NEAR_SKIPS = 30
"""A sentence may be followed by any of the next 30 (a narrator leaving out a few, or a short segment)."""
ENTRIES = 3
"""Further on, a reading may resume only at one of a text's first three sentences (a summary's title, its
byline, its first sentence)."""
SETTLED_S = 10.0
"""Sentences a window places ending in its last 10 s are placed again by the next window, which hears what
follows them (the last window keeps everything)."""


@dataclass(frozen=True)
class TimedWord:
    """A word the recogniser placed in a recording, in seconds."""

    word: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class PlacedText:
    """What a take holds of one text: its words placed, of how many the grammar had (words with no
    pronunciation are not in it), and whether its last sentence in the grammar was read to the end."""

    words: list[TimedWord]
    grammar_words: int
    read_to_end: bool


@dataclass(frozen=True)
class Sentence:
    """One sentence of the script (of texts[text]) as grammar tokens, "<sentence number>.<word>": a word
    comes back to its own sentence even where sentences share words ("Summary by Rohin.")."""

    text: int
    tokens: tuple[str, ...]


def align_texts_read_in_order(samples: np.ndarray, sample_rate: int, texts: list[list[str]]) -> list[PlacedText]:
    """For each text (given as its sentences, as recognition.words() writes them), what a recording of some
    of the texts read in order, any sentence left out, holds of it."""
    # Without bestpath (a lattice rescoring pass): over a long take it built a lattice of gigabytes.
    decoder = pocketsphinx_decoder(bestpath=False)
    vocabulary = list(dict.fromkeys(w for text in texts for sentence in text for w in sentence.split()))
    unknown = [w for w in vocabulary if not decoder.lookup_word(w)]
    try:  # a word left unguessed is left out of the grammar
        guessed = espeak_pronunciations(unknown) if unknown else {}
    except (OSError, ValueError, subprocess.SubprocessError):  # no espeak-ng, it failed, or not a line a word
        guessed = {}

    def lookup(word: str) -> str | None:
        return decoder.lookup_word(word) or guessed.get(word)

    ways = {w: pronunciations(lookup, w) for w in vocabulary}
    script = grammar_sentences(texts, {w for w, phones in ways.items() if phones})
    for token in dict.fromkeys(t for s in script for t in s.tokens):
        for n, phones in enumerate(ways[token.split(".", 1)[1]], 1):
            decoder.add_word(token if n == 1 else f"{token}({n})", phones, False)
    audio = resample(samples.astype(np.float64), sample_rate, RATE_HZ)
    out: list[list[TimedWord]] = [[] for _ in texts]
    read = set()
    start, first, total = 0, 0, len(audio)
    window, settled = round(WINDOW_S * RATE_HZ), round(SETTLED_S * RATE_HZ)
    while first < len(script) and start < total:
        end = min(start + window, total)
        placed = _decode(decoder, float_to_pcm16(audio[start:end]), script[first:], start / RATE_HZ)
        keep_until = (total if end == total else end - settled) / RATE_HZ
        kept = [(i, ws) for i, ws in placed if ws[-1].end_s <= keep_until]
        if not kept:  # nothing settled here (room tone, a long aside): on from the first sentence begun
            begun = [round(ws[0].start_s * RATE_HZ) for _, ws in placed]
            start = min([b for b in begun if b > start] + [end if end == total else end - settled])
            continue
        for i, ws in kept:
            out[script[first + i].text].extend(ws)
            read.add(first + i)
        first += kept[-1][0] + 1
        start = max(start + 1, round(kept[-1][1][-1].end_s * RATE_HZ))
    last = {s.text: n for n, s in enumerate(script)}
    sizes = [sum(len(s.tokens) for s in script if s.text == k) for k in range(len(texts))]
    return [PlacedText(ws, size, last.get(k) in read) for k, (ws, size) in enumerate(zip(out, sizes))]


def grammar_sentences(texts: list[list[str]], sayable: set[str]) -> list[Sentence]:
    """The texts' sentences as grammar tokens, leaving out words with no pronunciation (their sound is
    taken for a pause) and sentences left with none."""
    out = []
    for k, text in enumerate(texts):
        for sentence in text:
            tokens = tuple(f"{len(out)}.{w}" for w in sentence.split() if w in sayable)
            if tokens:
                out.append(Sentence(k, tokens))
    return out


def pronunciations(lookup, word: str) -> list[str]:
    """The ways a narrator may say a word, as phones: lookup's, and its letters spelled out when it is short
    (an acronym: "ai", "ood", "nlp"). Not the dictionary's own variants ("them(2)"): with them the ends of
    words drifted 40-50 ms from where an independent aligner puts them on a human reading."""
    ways = [lookup(word)]
    if len(word) <= MAX_SPELLED and word.isalpha():
        ways.append(" ".join(lookup(f"{c}.") or "" for c in word))
    return [w for w in dict.fromkeys(ways) if w and w.strip()]


def transitions(sentences: list[Sentence]) -> tuple[int, list[tuple]]:
    """A finite-state grammar of the sentences in order, any of them left out, the last one perhaps only
    begun: (final state, pocketsphinx transitions (from, to, probability[, word])), from state 0. Leaving
    out n sentences costs 1/n, so of two equally likely places the nearer wins; JSGF's [optional] had
    halved a path's probability at every sentence, so a path that skipped a few dozen fell outside the
    search's beam and no path reached the end. A skip goes to any of the next NEAR_SKIPS sentences, or
    further only to one of a text's first ENTRIES sentences (where a narrator who skipped a segment or more
    picks up): each sentence ending opens a word for every place it may skip to, and all 174 of AN #99's
    cost a fifth more search. Each skip is its own empty transition: no chains of them."""
    boundaries, inside, arcs, state = [0], [], [], 0
    for sentence in sentences:
        for k, token in enumerate(sentence.tokens):
            arcs.append((state, state + 1, 1.0, token))
            state += 1
            if k < len(sentence.tokens) - 1:
                inside.append(state)
        boundaries.append(state)
    final = state
    entries = {n for n, s in enumerate(sentences) if n < ENTRIES or s.text != sentences[n - ENTRIES].text}
    entries |= {len(sentences)}  # the end: a take may stop anywhere
    arcs += [(b, boundaries[n], 1 / (n - i)) for i, b in enumerate(boundaries)
             for n in range(i + 1, len(boundaries)) if n - i <= NEAR_SKIPS or n in entries]
    arcs += [(s, final, 1.0) for s in inside]
    return final, arcs


def _decode(decoder, pcm: bytes, sentences: list[Sentence], offset_s: float
            ) -> list[tuple[int, list[TimedWord]]]:
    """(index into sentences, its words) for each sentence read to its end in pcm, in order (not one the
    window ends inside); times from offset_s."""
    final, arcs = transitions(sentences)
    decoder.add_fsg("take", decoder.create_fsg("take", 0, final, arcs))
    decoder.activate_search("take")
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    said = [(ALTERNATIVE.sub("", seg.word), offset_s + seg.start_frame / FRAMES_PER_S,
             offset_s + (seg.end_frame + 1) / FRAMES_PER_S)
            for seg in decoder.seg() or () if "." in seg.word and not FILLERS.match(seg.word)]
    first = int(sentences[0].tokens[0].split(".", 1)[0])
    by_sentence: dict[int, list[TimedWord]] = {}
    for token, start_s, end_s in said:
        number, word = token.split(".", 1)
        by_sentence.setdefault(int(number) - first, []).append(TimedWord(word, start_s, end_s))
    return [(i, ws) for i, ws in sorted(by_sentence.items()) if len(ws) == len(sentences[i].tokens)]
