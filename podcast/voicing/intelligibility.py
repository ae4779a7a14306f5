"""Intelligibility of a voice: pocketsphinx's word error rate on a fixed passage, read sentence by sentence.

A ranking between voices, not an absolute: pocketsphinx (whose wheel ships an English model) is a weak
recognizer, so even a clear voice scores well above 0."""
from __future__ import annotations

from dataclasses import dataclass

from ..recognition import transcribe, word_error_rate
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


@dataclass(frozen=True)
class Intelligibility:
    word_error_rate: float
    words: int
    audio_s: float


def measure(engine: Engine, passage: str = PASSAGE) -> Intelligibility:
    """Synthesize the passage sentence by sentence and score what pocketsphinx hears of it."""
    chunks = list(engine.synthesize(passage))
    heard = [transcribe(c.samples, c.sample_rate) for c in chunks]
    return Intelligibility(word_error_rate([c.text for c in chunks], heard), len(passage.split()),
                           sum(len(c.samples) for c in chunks) / engine.sample_rate)
