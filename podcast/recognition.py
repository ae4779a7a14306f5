"""Speech recognition, shared by the take matcher (narration) and the intelligibility check (voicing):
pocketsphinx's decoder (its wheel ships an English model: nothing is downloaded) and the one text
normalisation that both word matching and word error rates use."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

import numpy as np

from .audio import float_to_pcm16, resample

RATE_HZ = 16000
"""The rate of pocketsphinx's English acoustic model."""


@cache
def _decoder():
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE_HZ, loglevel="FATAL")


def recognizer_identity() -> str:
    """What shapes a transcript: the recogniser and its model (for caches of what was heard)."""
    return f"pocketsphinx {version('pocketsphinx')} en-us"


def transcribe(samples: np.ndarray, sample_rate: int, first_s: float | None = None) -> str:
    """Lower-case words pocketsphinx hears in float mono samples (only their first first_s seconds, if given),
    as one utterance. Each utterance is heard as by a fresh decoder (its feature state, which adapts to what it
    heard, is reset), so a transcript never depends on what was recognised before it."""
    if first_s is not None:
        samples = samples[: round(first_s * sample_rate)]
    pcm16 = float_to_pcm16(resample(samples.astype(np.float64), sample_rate, RATE_HZ))
    decoder = _decoder()
    decoder.reinit_feat()
    decoder.start_utt()
    decoder.process_raw(pcm16, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


@dataclass(frozen=True)
class TimedWord:
    """A word the recogniser placed in a recording, in seconds."""

    word: str
    start_s: float
    end_s: float


FRAMES_PER_S = 100
"""pocketsphinx's frame rate (10 ms frames)."""
FILLERS = re.compile(r"^(<.*>|\[.*\])$")
"""Silence, sentence marks and noises in pocketsphinx's word segmentation."""


def align_texts_read_in_order(samples: np.ndarray, sample_rate: int, texts: list[list[str]]
                              ) -> list[list[TimedWord]]:
    """Forced alignment of a recording of some of texts read in order, each text given as its sentences (as
    words()), any sentence left out: for each text, its words placed in the recording ([] when none was read).

    pocketsphinx decodes the recording with a grammar (JSGF) of all the sentences in order, each optional, so
    the one search both chooses what was read and places its words, at about a tenth of the cost of free
    recognition. Each word is entered in the dictionary under a name saying which text it is from, so the
    words come back to their own text even where texts share words ("Summary by Rohin."). A word the
    dictionary lacks gets a pronunciation from dictionary_pronunciation, or is left out (its sound is then
    taken for a pause). A fresh decoder: the grammar replaces the language model search. Without bestpath
    (a lattice rescoring pass), which over a long take built a lattice of gigabytes and took longer than
    the search."""
    from pocketsphinx import Decoder

    decoder = Decoder(samprate=RATE_HZ, loglevel="FATAL", bestpath=False)
    phones: dict[str, str | None] = {}
    sentences = []
    for k, text in enumerate(texts):
        for sentence in text:
            said = [w for w in sentence.split() if phones.setdefault(w, pronunciation(decoder.lookup_word, w))]
            if said:
                sentences.append(" ".join(f"{k}.{w}" for w in said))
    if not sentences:
        return [[] for _ in texts]
    for token in dict.fromkeys(t for sentence in sentences for t in sentence.split()):
        decoder.add_word(token, phones[token.split(".", 1)[1]], False)
    grammar = ("#JSGF V1.0;\ngrammar take;\npublic <take> = "
               + " ".join(f"[{sentence}]" for sentence in sentences) + " ;\n")
    decoder.add_jsgf_string("take", grammar)
    decoder.activate_search("take")
    decoder.start_utt()
    decoder.process_raw(float_to_pcm16(resample(samples.astype(np.float64), sample_rate, RATE_HZ)), full_utt=True)
    decoder.end_utt()
    out: list[list[TimedWord]] = [[] for _ in texts]
    for seg in decoder.seg():
        if "." in seg.word and not FILLERS.match(seg.word):  # not a filler, nor the grammar's (NULL) steps
            k, word = seg.word.split(".", 1)
            out[int(k)].append(TimedWord(word, seg.start_frame / FRAMES_PER_S, (seg.end_frame + 1) / FRAMES_PER_S))
    return out


def pronunciation(lookup, word: str) -> str | None:
    """The word's phones: the dictionary's, else dictionary_pronunciation's."""
    return lookup(word) or dictionary_pronunciation(lookup, word)


def dictionary_pronunciation(lookup, word: str) -> str | None:
    """Phones for a word the dictionary lacks, from dictionary words it is written as: a possessive as its
    word and Z ("flo's"), else the fewest dictionary words that spell it ("hyperparameters" = "hyper" +
    "parameters"); None when none do. Written here because pocketsphinx has no letter-to-sound rules and
    the kept ones download their data; a rough pronunciation is enough to place a word between its
    neighbours."""
    if word.endswith("'s") and lookup(word[:-2]):
        return f"{lookup(word[:-2])} Z"
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            piece = lookup(word[start:end]) if best[start] is not None else None
            if piece and (best[end] is None or len(best[start]) + 1 < len(best[end])):
                best[end] = best[start] + [piece]
    return " ".join(best[-1]) if best[-1] else None


def words(text: str) -> str:
    """Text as the recogniser writes it: lower case, no punctuation, hyphens and slashes as spaces."""
    text = re.sub(r"[-\u2010-\u2015/]", " ", text.lower())
    text = re.sub(r"[^\w\s']", "", text)
    return " ".join(text.split())


def word_error_rate(references: list[str], heard: list[str]) -> float:
    """Word error rate of what was heard against what was said, over all the pairs together (jiwer), both
    normalised by words()."""
    import jiwer

    return jiwer.wer([words(r) for r in references], [words(h) for h in heard])
