"""Voicing: Script -> one SegmentAudio per segment, from the cast's engines, through the cache.

Each segment becomes a SegmentJob keyed by what changes its audio; jobs already in the cache are read
back, the others go to an executor (this process or a pool of workers) and their audio into the cache."""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Iterable

from ..errors import PodcastError
from ..scripting import Script
from .audio import SegmentAudio, SentenceTiming
from .cache import SegmentCache, cache_key
from .cast import Cast, load_cast
from .engines import Engine, load_engine
from .lexicon import Lexicon, load_lexicon
from .pool import Executor, LocalExecutor, SegmentJob, usable_cores
from .progress import Progress

__all__ = ["Cast", "Executor", "Lexicon", "LocalExecutor", "SegmentAudio", "SegmentCache", "SegmentJob",
           "SentenceTiming", "VoicingReport", "load_cast", "load_engines", "load_lexicon", "plan_jobs",
           "usable_cores", "voice_script", "voice_script_here"]


@dataclass
class VoicingReport:
    synthesized: int = 0
    cached: int = 0
    synthesis_s: float = 0.0
    """Wall time spent waiting for synthesis."""
    synthesized_ids: list[str] | None = None
    """Ids of the segments synthesized (not read from the cache), in script order."""


def load_engines(roles: Iterable[str], cast: Cast, threads: int = 1) -> dict[str, Engine]:
    """Load every engine the roles need, once each, before any work; a missing voice is a PodcastError."""
    engines: dict[tuple[str, str], Engine] = {}
    by_role: dict[str, Engine] = {}
    for role in sorted(set(roles)):
        spec = cast.voice_for(role)
        if spec not in engines:
            try:
                engines[spec] = load_engine(*spec, threads=threads)
            except LookupError as e:
                raise PodcastError(f"voices/cast.toml: role {role!r}: {e}") from None
        by_role[role] = engines[spec]
    return by_role


def plan_jobs(script: Script, cast: Cast, engines: dict[str, Engine], lexicon: Lexicon) -> list[SegmentJob]:
    """One job per segment, in script order, keyed by the engine's identity and the spoken sentences.
    engines: the loaded engine of each role (load_engines)."""
    jobs = []
    for segment in script.segments:
        engine = engines[segment.voice]
        written = tuple(engine.sentences(segment.text))
        spoken = tuple(lexicon.apply(s, engine.name) for s in written)
        jobs.append(SegmentJob(key=cache_key(engine.identity, list(spoken)), segment_id=segment.id,
                               engine=cast.voice_for(segment.voice), identity=engine.identity,
                               written=written, spoken=spoken))
    return jobs


def for_job(audio: SegmentAudio, job: SegmentJob) -> SegmentAudio:
    """Audio keyed by spoken text, relabelled for this job's segment and its written sentences."""
    return replace(audio, segment_id=job.segment_id,
                   sentences=tuple(replace(t, text=w) for t, w in zip(audio.sentences, job.written)))


def voice_script(script: Script, cast: Cast, engines: dict[str, Engine], lexicon: Lexicon, cache: SegmentCache,
                 executor: Executor, report: VoicingReport | None = None, label: str = "voicing") -> list[SegmentAudio]:
    """Voice every segment: cached audio whose key matches is reused, the rest is synthesized once per
    distinct key by the executor and written to the cache here, by the driver alone."""
    report = report if report is not None else VoicingReport()
    jobs = plan_jobs(script, cast, engines, lexicon)
    audios: list[SegmentAudio | None] = [None] * len(jobs)
    missing: dict[str, list[int]] = {}
    for i, job in enumerate(jobs):
        audio = cache.get(job.key, job.segment_id) if job.key not in missing else None
        if audio is None:
            missing.setdefault(job.key, []).append(i)
        else:
            audios[i] = for_job(audio, job)
    todo = [jobs[indexes[0]] for indexes in missing.values()]
    report.cached += len(jobs) - sum(len(indexes) for indexes in missing.values())
    report.synthesized += len(todo)
    report.synthesized_ids = [job.segment_id for job in todo]
    started = time.perf_counter()
    with Progress(label, len(todo), sum(job.size for job in todo)) as progress:
        for job, audio in executor.voice(todo):
            cache.put(job.key, audio)
            for i in missing[job.key]:
                audios[i] = for_job(audio, jobs[i])
            progress.advance(job.size, audio.duration_s)
    report.synthesis_s += time.perf_counter() - started
    return audios


def voice_script_here(script: Script, cast: Cast, lexicon: Lexicon, cache: SegmentCache,
                      report: VoicingReport | None = None) -> list[SegmentAudio]:
    """Voice a script in this process with every core, no worker pool: for tools and tests that just need a
    script's audio."""
    engines = load_engines({s.voice for s in script.segments}, cast, threads=usable_cores())
    with LocalExecutor(engines.values(), 1) as executor:
        return voice_script(script, cast, engines, lexicon, cache, executor, report)
