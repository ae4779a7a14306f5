"""Voicing a script: each segment becomes a SegmentJob keyed by what changes its audio (its engine's identity and
its spoken sentences); segments and sentences already in the cache are read back, the others go to an executor
(this process, a pool of workers or a cluster) and their audio into the cache, sentence by sentence."""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Iterable

import numpy as np

from ..audio import SegmentAudio, SentenceTiming, Source
from ..errors import PodcastError
from ..scripting import Script
from .cache import SegmentCache, cache_key
from .cast import Cast, VoiceSpec
from .engines import Engine, load_engine
from .lexicon import Lexicon
from .pool import Executor, LocalExecutor, SegmentJob, return_freed_memory, usable_cores
from .progress import Progress


@dataclass
class VoicingReport:
    synthesized: int = 0
    cached: int = 0
    synthesis_s: float = 0.0
    """Wall time spent waiting for synthesis."""
    sentences_synthesized: int = 0
    """Sentences synthesized: an edit re-voices only the sentences it changed."""
    synthesized_ids: list[str] | None = None
    """Ids of the segments synthesized (not read from the cache), in script order."""
    keys: set[str] = field(default_factory=set)
    """The cache keys the script used: its segments' and their sentences'."""


def load_engines(roles: Iterable[str], cast: Cast, threads: int = 1) -> dict[str, Engine]:
    """Load every engine the roles need, once each, before any work; a missing voice is a PodcastError."""
    engines: dict[VoiceSpec, Engine] = {}
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
        engine = engines[segment.role]
        written = tuple(engine.sentences(segment.text))
        spoken = tuple(lexicon.apply(s, engine.name) for s in written)
        jobs.append(SegmentJob(key=cache_key(engine.identity, list(spoken)), segment_id=segment.id,
                               voice=cast.voice_for(segment.role), identity=engine.identity,
                               written=written, spoken=spoken))
    return jobs


def for_job(audio: SegmentAudio, job: SegmentJob) -> SegmentAudio:
    """Audio keyed by spoken text, relabelled for this job's segment and its written sentences."""
    return replace(audio, segment_id=job.segment_id,
                   sentences=tuple(replace(t, text=w) for t, w in zip(audio.sentences, job.written)))


def sentence_keys(job: SegmentJob) -> list[str]:
    """Cache keys of the job's sentences one by one, so an edit re-voices only the sentences it touched."""
    return [cache_key(job.identity, [spoken]) for spoken in job.spoken]


def split_by_sentence(audio: SegmentAudio) -> list[SegmentAudio]:
    """A voiced segment -> one audio per sentence, cut at its sentence timings, each timed by its own samples as
    pool.synthesize times a sentence voiced alone (end - start rounds by where the sentence fell in its segment, so
    a sentence that several segments share would be cached differently by whichever of them voiced it first)."""
    rate = audio.sample_rate
    cuts = [(t, audio.samples[round(t.start_s * rate):round(t.end_s * rate)]) for t in audio.sentences]
    return [replace(audio, samples=samples, sentences=(replace(t, start_s=0.0, end_s=len(samples) / rate),))
            for t, samples in cuts]


def join_sentences(parts: list[SegmentAudio], job: SegmentJob, sample_rate: int) -> SegmentAudio:
    """Sentence audios -> the segment's audio, timed exactly as pool.synthesize times one synthesis."""
    timings, t = [], 0.0
    for part, text in zip(parts, job.written):
        duration = len(part.samples) / sample_rate
        timings.append(SentenceTiming(text, t, t + duration))
        t += duration
    samples = np.concatenate([p.samples for p in parts]) if parts else np.zeros(0, np.float32)
    return SegmentAudio(job.segment_id, samples, sample_rate, tuple(timings), Source.TTS, job.identity)


def voice_script(script: Script, cast: Cast, engines: dict[str, Engine], lexicon: Lexicon, cache: SegmentCache,
                 executor: Executor, report: VoicingReport | None = None, label: str = "voicing") -> list[SegmentAudio]:
    """Voice every segment: a segment whose key is cached is reused whole; otherwise its cached sentences
    are reused and only the others are synthesized (once per distinct segment) by the executor. The driver
    alone writes the cache: each new sentence, and the segment as a whole."""
    report = report if report is not None else VoicingReport()
    jobs = plan_jobs(script, cast, engines, lexicon)
    report.keys |= {key for job in jobs for key in [job.key, *sentence_keys(job)]}
    audios: list[SegmentAudio | None] = [None] * len(jobs)
    missing: dict[str, list[int]] = {}
    for i, job in enumerate(jobs):
        audio = cache.get(job.key, job.segment_id) if job.key not in missing else None
        if audio is None:
            missing.setdefault(job.key, []).append(i)
        else:
            audios[i] = for_job(audio, job)
    report.cached += len(jobs) - sum(len(indexes) for indexes in missing.values())
    parts: dict[str, list[SegmentAudio | None]] = {}
    todo: list[SegmentJob] = []
    for key, indexes in missing.items():
        job = jobs[indexes[0]]
        parts[key] = [cache.get(k, job.segment_id) for k in sentence_keys(job)]
        gaps = [n for n, part in enumerate(parts[key]) if part is None]
        if gaps:
            todo.append(replace(job, written=tuple(job.written[n] for n in gaps),
                                spoken=tuple(job.spoken[n] for n in gaps)))
    report.synthesized += len(todo)
    report.synthesized_ids = [job.segment_id for job in todo]
    report.sentences_synthesized += sum(len(job.spoken) for job in todo)

    def finish(key: str) -> None:
        """Join the segment's sentences and let go of them (a worker's audio is not kept twice)."""
        first = missing[key][0]
        whole = join_sentences(parts.pop(key), jobs[first], engines[script.segments[first].role].sample_rate)
        cache.put(key, whole)
        for i in missing[key]:
            audios[i] = for_job(whole, jobs[i])

    for key in [k for k in missing if all(p is not None for p in parts[k])]:
        finish(key)
    started = time.perf_counter()
    with Progress(label, len(todo), sum(job.size for job in todo)) as progress:
        for job, audio in executor.voice(todo):
            new = iter(split_by_sentence(audio))
            full = jobs[missing[job.key][0]]
            for n, (key, part) in enumerate(zip(sentence_keys(full), parts[job.key])):
                if part is None:
                    parts[job.key][n] = next(new)
                    cache.put(key, parts[job.key][n])
            finish(job.key)
            progress.advance(job.size, audio.duration_s)
            del audio, new
            return_freed_memory()
    report.synthesis_s += time.perf_counter() - started
    return audios


def voiced_already(script: Script, cast: Cast, engines: dict[str, Engine], lexicon: Lexicon,
                   cache: SegmentCache) -> list[SegmentAudio | None]:
    """Each segment's audio as the cache holds it (whole, or joined from its cached sentences), None for a segment
    not voiced yet: nothing is synthesized (for `podcast status`, which reports what a build would do)."""
    audios = []
    for segment, job in zip(script.segments, plan_jobs(script, cast, engines, lexicon)):
        audio = cache.get(job.key, job.segment_id)
        if audio is None:
            parts = [cache.get(key, job.segment_id) for key in sentence_keys(job)]
            if parts and all(part is not None for part in parts):
                audio = join_sentences(parts, job, engines[segment.role].sample_rate)
        audios.append(for_job(audio, job) if audio is not None else None)
    return audios


def voice_script_here(script: Script, cast: Cast, lexicon: Lexicon, cache: SegmentCache,
                      report: VoicingReport | None = None) -> list[SegmentAudio]:
    """Voice a script in this process with every core, no worker pool: for tools and tests that just need a
    script's audio."""
    engines = load_engines({s.role for s in script.segments}, cast, threads=usable_cores())
    with LocalExecutor(engines.values(), 1) as executor:
        return voice_script(script, cast, engines, lexicon, cache, executor, report)
