"""Voicing: Script -> one SegmentAudio per segment, from the cast's engines, through the cache."""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from ..errors import PodcastError
from ..scripting import Script, Segment
from .audio import SegmentAudio, SentenceTiming
from .cache import SegmentCache, cache_key
from .cast import Cast, load_cast
from .engines import Engine, load_engine
from .lexicon import Lexicon, load_lexicon

__all__ = ["Cast", "Lexicon", "SegmentAudio", "SegmentCache", "VoicingReport", "load_cast", "load_lexicon",
           "voice_script"]


@dataclass
class VoicingReport:
    synthesized: int = 0
    cached: int = 0
    synthesis_s: float = 0.0


def load_engines(script: Script, cast: Cast) -> dict[str, Engine]:
    """Load every engine the script's roles need, before any work; a missing voice is a PodcastError."""
    engines: dict[tuple[str, str], Engine] = {}
    by_role: dict[str, Engine] = {}
    for role in {s.voice for s in script.segments}:
        spec = cast.voice_for(role)
        if spec not in engines:
            try:
                engines[spec] = load_engine(*spec)
            except LookupError as e:
                raise PodcastError(f"voices/cast.toml: role {role!r}: {e}") from None
        by_role[role] = engines[spec]
    return by_role


def synthesize_segment(segment: Segment, engine: Engine, spoken: list[str], written: list[str]) -> SegmentAudio:
    """Synthesize sentence by sentence, keeping where each sentence starts and ends."""
    parts, timings, t = [], [], 0.0
    for text, say in zip(written, spoken):
        audio = engine.synthesize(say)
        parts.append(audio)
        duration = len(audio) / engine.sample_rate
        timings.append(SentenceTiming(text, t, t + duration))
        t += duration
    samples = np.concatenate(parts) if parts else np.zeros(0, np.float32)
    return SegmentAudio(segment.id, samples, engine.sample_rate, tuple(timings), "tts", engine.identity)


def voice_script(script: Script, cast: Cast, lexicon: Lexicon, cache: SegmentCache,
                 report: VoicingReport | None = None) -> list[SegmentAudio]:
    """Voice every segment, reusing cached audio whose key (engine identity + spoken text) matches."""
    report = report if report is not None else VoicingReport()
    engines = load_engines(script, cast)
    out = []
    for segment in script.segments:
        engine = engines[segment.voice]
        written = engine.sentences(segment.text)
        spoken = [lexicon.apply(s, engine.name) for s in written]
        key = cache_key(engine.identity, spoken)
        audio = cache.get(key, segment.id)
        if audio is None:
            started = time.perf_counter()
            audio = synthesize_segment(segment, engine, spoken, written)
            report.synthesis_s += time.perf_counter() - started
            report.synthesized += 1
            cache.put(key, audio)
        else:
            report.cached += 1
            audio = replace(audio, segment_id=segment.id,
                            sentences=tuple(replace(t, text=w) for t, w in zip(audio.sentences, written)))
        out.append(audio)
    return out
