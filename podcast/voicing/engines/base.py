"""The engine contract, in the spirit of piper's PiperVoice: an engine is one class whose `load()` returns a
ready voice and whose `synthesize(text)` yields its audio one sentence at a time. What every engine would
otherwise do again (sentence splitting, converting its samples to float32) lives here, once."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Iterator

import numpy as np

from ...audio import pcm16_to_float
from .sentences import split_sentences


@dataclass(frozen=True)
class AudioChunk:
    """One sentence's audio."""

    text: str
    """The sentence as the engine read it."""
    samples: np.ndarray
    """float32 mono in [-1, 1]."""
    sample_rate: int


@dataclass(frozen=True)
class VoiceInfo:
    """One voice an engine offers, as `podcast voices` lists it."""

    engine: str
    voice: str
    installed: bool
    """Its engine and model are on this machine."""
    offline: bool
    """It synthesizes without any download (False: its model must be fetched first)."""
    sample_rate: int | None
    note: str
    """What it is, or how to install it."""


def as_float32(samples: np.ndarray) -> np.ndarray:
    """An engine's samples, 16-bit PCM or float of any width, as float32 (16-bit n becomes n / 32768)."""
    samples = np.asarray(samples)
    if samples.dtype == np.int16:
        return pcm16_to_float(samples)
    return samples.astype(np.float32)


class Engine(ABC):
    """A loaded text-to-speech voice. A new engine subclasses this in a module of its own, implements the
    abstract members, and is named in engines.ENGINES."""

    name: ClassVar[str]
    """Engine name as voices/cast.toml spells it, e.g. "hibari"."""
    sample_rate: int

    @classmethod
    @abstractmethod
    def check(cls, voice: str, options: dict) -> None:
        """Cheap check, without loading, that the voice is installed, offline and takes these settings; a
        LookupError says what is missing and how to install it."""

    @classmethod
    @abstractmethod
    def load(cls, voice: str, options: dict, threads: int = 1) -> Engine:
        """The voice, ready to synthesize on `threads` CPU threads (which do not change the audio)."""

    @classmethod
    @abstractmethod
    def describe(cls) -> list[VoiceInfo]:
        """Every voice this engine offers, installed or not (for `podcast voices`)."""

    @property
    @abstractmethod
    def identity(self) -> str:
        """Everything that changes this voice's audio (engine and model version, voice, settings), for cache keys."""

    @abstractmethod
    def speak(self, sentence: str) -> np.ndarray:
        """One sentence's samples at sample_rate, mono, as the engine makes them (16-bit PCM or float in
        [-1, 1]); the same text gives the same audio."""

    def sentences(self, text: str) -> list[str]:
        """Text -> the sentences it is synthesized as, one at a time (pysbd, unless the engine has its own)."""
        return split_sentences(text)

    def synthesize_sentence(self, sentence: str) -> AudioChunk:
        return AudioChunk(sentence, as_float32(self.speak(sentence)), self.sample_rate)

    def synthesize(self, text: str) -> Iterator[AudioChunk]:
        """The text's audio, one sentence at a time."""
        for sentence in self.sentences(text):
            yield self.synthesize_sentence(sentence)


def unknown_settings(engine: str, options: dict, known: set[str]) -> None:
    """A cast setting the engine does not take is a LookupError naming the ones it does."""
    extra = sorted(set(options) - known)
    if extra:
        raise LookupError(f"{engine} has no setting {extra[0]!r} (settings: {', '.join(sorted(known)) or 'none'})")
