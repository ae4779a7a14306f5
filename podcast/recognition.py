"""Speech recognition, shared by the take matcher (narration) and the intelligibility check (voicing):
pocketsphinx's decoder (its wheel ships an English model: nothing is downloaded) and the one text
normalisation that both word matching and word error rates use."""
from __future__ import annotations

import re
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
