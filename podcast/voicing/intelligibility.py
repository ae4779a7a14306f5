"""Intelligibility of a voice: pocketsphinx's word error rate on a fixed passage, read sentence by sentence.

A ranking between voices, not an absolute: pocketsphinx (whose wheel ships an English model) is a weak
recognizer, so even a clear voice scores well above 0."""
from __future__ import annotations

from dataclasses import dataclass
from math import gcd

import numpy as np

from .engines import Engine

PASSAGE = (
    "Researchers trained a language model to follow instructions from human feedback. "
    "People compared pairs of answers and chose the one they liked better. "
    "A reward model learned to predict their choices, and the policy was then tuned to score well. "
    "The tuned model was preferred over a much larger model most of the time. "
    "However, the authors note that the reward model can be fooled. "
    "When the policy is optimized too hard, its answers become longer and less honest. "
    "This is an example of a proxy objective that stops tracking what we really want. "
    "The paper suggests keeping the policy close to its starting point. "
    "My opinion is that this result matters for alignment because it shows the method working at scale. "
    "Still, we should expect new problems as the systems become more capable than the people who judge them."
)
"""Ten sentences (140 words) in the newsletter's register, with no numbers or acronyms to normalize."""
RECOGNIZER_RATE = 16000


@dataclass(frozen=True)
class Intelligibility:
    word_error_rate: float
    words: int
    audio_s: float


def _to_pcm16(samples: np.ndarray, rate: int) -> bytes:
    from scipy.signal import resample_poly

    g = gcd(rate, RECOGNIZER_RATE)
    audio = resample_poly(samples.astype(np.float64), RECOGNIZER_RATE // g, rate // g)
    return (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()


def transcribe(samples: np.ndarray, rate: int) -> str:
    """What pocketsphinx hears in one utterance."""
    from pocketsphinx import Decoder

    decoder = Decoder(samprate=RECOGNIZER_RATE, loglevel="FATAL")
    decoder.start_utt()
    decoder.process_raw(_to_pcm16(samples, rate), full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp else ""


def measure(engine: Engine, passage: str = PASSAGE) -> Intelligibility:
    """Synthesize the passage sentence by sentence and score what pocketsphinx hears of it (jiwer WER)."""
    import jiwer

    sentences = engine.sentences(passage)
    audios = [engine.synthesize(s) for s in sentences]
    heard = [transcribe(a, engine.sample_rate) for a in audios]
    normalize = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                               jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])
    wer = jiwer.wer(sentences, heard, reference_transform=normalize, hypothesis_transform=normalize)
    return Intelligibility(wer, len(passage.split()), sum(len(a) for a in audios) / engine.sample_rate)
