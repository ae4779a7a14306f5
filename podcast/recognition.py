"""Speech recognition, shared by the take matcher and forced alignment (narration) and the intelligibility
check (voicing). The recognizers are built here and nowhere else: pocketsphinx's decoder (its wheel ships an
English model: nothing is downloaded). Beside them, the one text normalisation that both word matching and
word error rates use."""
from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version

import numpy as np

from .audio import float_to_pcm16, resample

RATE_HZ = 16000
"""The rate of pocketsphinx's English acoustic model."""


def pocketsphinx_decoder(**options):
    """A new pocketsphinx decoder of the English model at RATE_HZ, logging only fatal errors, with
    pocketsphinx's other options (bestpath=False, ...)."""
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE_HZ, loglevel="FATAL", **options)


@cache
def _decoder(added: frozenset[tuple[str, str]] = frozenset()):
    """The shared decoder, with the added (word, ARPAbet phones) pairs in its dictionary and as unigrams of
    its language model (pocketsphinx's add_word does both)."""
    decoder = pocketsphinx_decoder()
    pairs = sorted(added)
    for i, (word, phones) in enumerate(pairs):
        decoder.add_word(word, phones, update=i == len(pairs) - 1)
    return decoder


def unknown_words(candidates: Iterable[str]) -> list[str]:
    """The words (as words() writes them) missing from the recogniser's dictionary, which it can never
    hear: in first-seen order."""
    decoder = _decoder()
    return [w for w in dict.fromkeys(candidates) if decoder.lookup_word(w) is None]


# espeak-ng's US English IPA (every symbol it writes for en-us) as the ARPAbet phones of pocketsphinx's
# acoustic model. Written by hand: no kept library converts between the two without downloading data at run
# time (g2p-en fetches NLTK data), and the table is small.
_IPA_ARPABET = {
    "tʃ": "CH", "dʒ": "JH", "eɪ": "EY", "aɪ": "AY", "aʊ": "AW", "oʊ": "OW", "ɔɪ": "OY", "ɑː": "AA", "ɔː": "AO",
    "iː": "IY", "uː": "UW", "ɜː": "ER",
    "ɚɹ": "ER", "ɜːɹ": "ER", "oːɹ": "AO R", "oɹ": "AO R",
    "ɑ": "AA", "ɒ": "AA", "ɔ": "AO", "æ": "AE", "a": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ᵊ": "AH",
    "ɚ": "ER", "ɜ": "ER", "ɪ": "IH", "ᵻ": "IH", "i": "IY", "ʊ": "UH", "u": "UW", "ɛ": "EH", "e": "EH",
    "o": "OW", "b": "B", "d": "D", "f": "F", "ɡ": "G", "g": "G", "h": "HH", "k": "K", "l": "L", "m": "M",
    "n": "N", "ŋ": "NG", "p": "P", "ɹ": "R", "r": "R", "s": "S", "t": "T", "ɾ": "T", "ʔ": "T", "v": "V",
    "w": "W", "j": "Y", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "θ": "TH", "ð": "DH", "x": "K",
}
_IPA_UNIT = re.compile("|".join(sorted(map(re.escape, _IPA_ARPABET), key=len, reverse=True)))


def ipa_to_arpabet(ipa: str) -> str:
    """ARPAbet phones of espeak-ng's IPA for one word (stress and length marks dropped); ValueError on a
    symbol the table lacks."""
    ipa = re.sub("[ˈˌːˑ\u0361\u035c-]", "", ipa.strip())
    phones, end = [], 0
    for unit in _IPA_UNIT.finditer(ipa):
        if unit.start() != end:
            break
        phones.append(_IPA_ARPABET[unit[0]])
        end = unit.end()
    if end != len(ipa):
        raise ValueError(f"no ARPAbet phone for {ipa[end:]!r} in {ipa!r}")
    return " ".join(phones)


def espeak_pronunciations(words_: Iterable[str]) -> dict[str, str]:
    """ARPAbet pronunciations by espeak-ng (US English), an independent reader of the words: one call,
    one word a line; a word whose IPA has a symbol the table lacks gets none."""
    words_ = list(words_)
    done = subprocess.run(["espeak-ng", "-q", "--ipa", "-v", "en-us"], input="\n".join(words_),
                          capture_output=True, text=True, check=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if len(lines) != len(words_):
        raise ValueError(f"espeak-ng gave {len(lines)} lines for {len(words_)} words")
    out = {}
    for word, line in zip(words_, lines):
        try:
            out[word] = ipa_to_arpabet(line.replace(" ", ""))
        except ValueError:  # a symbol the table lacks: no pronunciation for this word
            pass
    return out


@cache
def espeak_identity() -> str:
    """espeak-ng's version line, or that it is missing (for caches of what its pronunciations shaped)."""
    try:
        return subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "no espeak-ng"


def recognizer_identity() -> str:
    """What shapes a transcript: the recogniser and its model (for caches of what was heard)."""
    return f"pocketsphinx {version('pocketsphinx')} en-us"


def transcribe(samples: np.ndarray, sample_rate: int, first_s: float | None = None,
               added: frozenset[tuple[str, str]] = frozenset()) -> str:
    """Lower-case words pocketsphinx hears in float mono samples (only their first first_s seconds, if given),
    as one utterance, with the added (word, phones) pairs in its vocabulary. Each utterance is heard as by a fresh decoder (its feature state, which adapts to what it
    heard, is reset), so a transcript never depends on what was recognised before it."""
    if first_s is not None:
        samples = samples[: round(first_s * sample_rate)]
    pcm16 = float_to_pcm16(resample(samples.astype(np.float64), sample_rate, RATE_HZ))
    decoder = _decoder(added)
    decoder.reinit_feat()
    decoder.start_utt()
    decoder.process_raw(pcm16, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def words(text: str) -> str:
    """Text as the recogniser writes it: lower case, no punctuation, hyphens and slashes as spaces."""
    text = re.sub(r"[-\u2010-\u2015/]", " ", text.lower())
    text = re.sub(r"[^\w\s']", "", text)
    return " ".join(text.split())


def join_split_words(reference: str, heard: str) -> str:
    """The heard words (as words() writes them) with each run of two to four written together where that
    makes a word of the reference, unless the reference has the same run apart: the recogniser writes
    "newsletter" as "news letter" and "AI" as "a i", a matter of spelling, not of hearing (as a scoring
    normalisation like sclite's GLM files). jiwer has nothing like it."""
    wanted, reference_spaced = set(reference.split()), f" {reference} "
    heard_words, joined, i = heard.split(), [], 0
    while i < len(heard_words):
        for n in (4, 3, 2):
            run = heard_words[i:i + n]
            if len(run) == n and "".join(run) in wanted and f" {' '.join(run)} " not in reference_spaced:
                joined.append("".join(run))
                i += n
                break
        else:
            joined.append(heard_words[i])
            i += 1
    return " ".join(joined)


def word_error_rate(references: list[str], heard: list[str]) -> float:
    """Word error rate of what was heard against what was said, over all the pairs together (jiwer), both
    normalised by words()."""
    import jiwer

    return jiwer.wer([words(r) for r in references], [words(h) for h in heard])
