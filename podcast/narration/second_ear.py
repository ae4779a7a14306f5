"""The second ear of proofing: where Whisper heard a take say other words than the text, which of the two the
audio says, decided by pocketsphinx (another recognizer, another acoustic model) choosing between the written
and the heard words with the words around them fixed, the heard ones at a handicap (HEARD_PRIOR). When it
still prefers what Whisper heard, two ears agree the narrator said it; when it prefers the text, Whisper
alone misheard it. Words the dictionary lacks are pronounced by espeak-ng, as forced alignment does."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..audio import float_to_pcm16, resample
from ..recognition import RATE_HZ, espeak_pronunciations, pocketsphinx_decoder
from .alignment import ALTERNATIVE, FILLERS, pronunciations

HEARD_PRIOR = 1e-16
"""The grammar's probability of the heard words against 1 for the written ones: the text is what the narrator
meant to say, so the audio must fit the other words clearly better (measured: README "Proofing")."""
TOKEN_MARK = "~proof~"
"""Between a side's letter and a word in the grammar's tokens."""
MARGIN_S = 0.15
"""Audio kept around the stretch and its neighbouring words (Whisper's word times are loose)."""


@dataclass(frozen=True)
class Stretch:
    """Written words Whisper heard otherwise, as recognition.words() writes them, with a word or two of
    context on each side (matched by both) and where all of that is in the take."""

    before: tuple[str, ...]
    written: tuple[tuple[str, ...], ...]
    """The written words as spelled, and as the lexicon has them said when that differs: either is the text."""
    heard: tuple[str, ...]
    after: tuple[str, ...]
    start_s: float
    end_s: float


class SecondEar:
    """One pocketsphinx decoder for the stretches of a take (or several)."""

    def __init__(self):
        self.phones: dict[str, list[str]] = {}
        self.tokens: set[str] = set()
        self.count = 0

    @cached_property
    def decoder(self):
        """Made at the first stretch: a take Whisper heard as written needs none."""
        return pocketsphinx_decoder(bestpath=False)

    def _learn(self, vocabulary: list[str]) -> None:
        new = [w for w in dict.fromkeys(vocabulary) if w not in self.phones]
        unknown = [w for w in new if not self.decoder.lookup_word(w)]
        try:
            guessed = espeak_pronunciations(unknown) if unknown else {}
        except (OSError, ValueError, subprocess.SubprocessError):
            guessed = {}
        for w in new:
            self.phones[w] = pronunciations(lambda x: self.decoder.lookup_word(x) or guessed.get(x), w)

    def _token(self, side: str, word: str) -> str | None:
        """The grammar's name for a word on a side (c: context, w: written, h: heard); None if unsayable."""
        ways = self.phones.get(word)
        if not ways:
            return None
        token = f"{side}{TOKEN_MARK}{word}"  # never a dictionary word ("w.s" is one: the initials)
        if token not in self.tokens:
            for n, phones in enumerate(ways, 1):
                self.decoder.add_word(token if n == 1 else f"{token}({n})", phones, False)
            self.tokens.add(token)
        return token

    def says_heard(self, samples: np.ndarray, sample_rate: int, stretch: Stretch) -> bool | None:
        """Whether the audio says the heard words rather than the written ones; None when it cannot tell (a
        word unsayable on either side, or no path through the grammar fits)."""
        self._learn([*stretch.before, *(w for ws in stretch.written for w in ws), *stretch.heard, *stretch.after])
        sides = {"c0": stretch.before, "h": stretch.heard, "c1": stretch.after}
        tokens = {k: [self._token(k[0], w) for w in ws] for k, ws in sides.items()}
        written = [ts for ts in ([self._token("w", w) for w in ws] for ws in stretch.written) if None not in ts]
        if any(t is None for ts in tokens.values() for t in ts) or not written or [] in written and not tokens["h"]:
            return None
        arcs: list[tuple] = []
        states = iter(range(1, 1 << 30))

        def chain(words: list[str], start: int, end: int, probability: float = 1.0) -> None:
            """Words from state start to state end (an empty transition when there are none)."""
            if not words:
                arcs.append((start, end, probability))
            for k, word in enumerate(words):
                to = end if k == len(words) - 1 else next(states)
                arcs.append((start, to, probability if k == 0 else 1.0, word))
                start = to

        split, join, final = next(states), next(states), next(states)
        chain(tokens["c0"], 0, split)
        for ts in written:
            chain(ts, split, join)
        chain(tokens["h"], split, join, HEARD_PRIOR)
        chain(tokens["c1"], join, final)
        self.count += 1
        name = f"stretch{self.count}"
        self.decoder.add_fsg(name, self.decoder.create_fsg(name, 0, final, arcs))
        self.decoder.activate_search(name)
        a = max(0, round((stretch.start_s - MARGIN_S) * sample_rate))
        b = min(len(samples), round((stretch.end_s + MARGIN_S) * sample_rate))
        pcm = float_to_pcm16(resample(samples[a:b].astype(np.float64), sample_rate, RATE_HZ))
        self.decoder.start_utt()
        self.decoder.process_raw(pcm, full_utt=True)
        self.decoder.end_utt()
        said = [ALTERNATIVE.sub("", s.word) for s in self.decoder.seg() or () if not FILLERS.match(s.word)]
        if self.decoder.hyp() is None or not said:
            return None
        if any(w.startswith(f"h{TOKEN_MARK}") for w in said):
            return True
        if any(w.startswith(f"w{TOKEN_MARK}") for w in said):
            return False
        return not tokens["h"]  # neither side's words: the empty side's path was taken (one side is empty)
