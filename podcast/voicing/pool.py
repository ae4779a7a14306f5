"""Where segments are synthesized. An executor takes SegmentJobs and yields each one's audio as it is done.

LocalExecutor voices in this process, or in a pool of worker processes that each load a voice once and
use cores / workers threads. A cluster executor only needs the same `voice()`: jobs are small, picklable
and self-contained, and the audio comes back to the driver, which alone writes the cache."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Iterator, Protocol, Sequence

import numpy as np

from ..audio import SegmentAudio, SentenceTiming, Source
from ..errors import PodcastError
from ..processes import spawn_pool
from .cast import VoiceSpec
from .engines import Engine, load_engine


@dataclass(frozen=True)
class SegmentJob:
    """Everything needed to voice one segment, and nothing more (it travels to other processes)."""

    key: str
    """Cache key of the audio this job produces."""
    segment_id: str
    voice: VoiceSpec
    """The voice as the cast names it (engine, voice, settings): how a worker loads it."""
    identity: str
    """The driver's engine identity; a worker whose loaded voice has another identity refuses the job."""
    written: tuple[str, ...]
    """The sentences as written in the script (kept in the timings, for transcripts)."""
    spoken: tuple[str, ...]
    """The same sentences as the engine reads them (after the lexicon)."""

    @property
    def size(self) -> int:
        """Characters to speak: the measure of work, for scheduling and time left."""
        return sum(len(s) for s in self.spoken)


def synthesize(job: SegmentJob, engine: Engine) -> SegmentAudio:
    """Synthesize sentence by sentence, keeping where each sentence starts and ends."""
    parts, timings, t = [], [], 0.0
    for text, say in zip(job.written, job.spoken):
        audio = engine.synthesize_sentence(say).samples
        parts.append(audio)
        duration = len(audio) / engine.sample_rate
        timings.append(SentenceTiming(text, t, t + duration))
        t += duration
    samples = np.concatenate(parts) if parts else np.zeros(0, np.float32)
    return SegmentAudio(job.segment_id, samples, engine.sample_rate, tuple(timings), Source.TTS, engine.identity)


class Executor(Protocol):
    """Voices jobs, yielding (job, audio) in the order they finish."""

    def voice(self, jobs: Sequence[SegmentJob]) -> Iterator[tuple[SegmentJob, SegmentAudio]]: ...

    def close(self) -> None: ...


def return_freed_memory() -> None:
    """Give the memory freed since the last call back to the system (glibc's malloc_trim; elsewhere nothing).
    Audio arrays of many sizes come and go while voicing, and glibc keeps the freed pages in its heap: without
    this a worker holds ~50 MB and the driver ~100 MB more than they use, all at once at the end of voicing."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


@cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# State of a worker process: its thread count and the voices it has loaded, each once.
_worker_threads = 1
_worker_engines: dict[VoiceSpec, Engine] = {}


def _worker_engine(spec: VoiceSpec) -> Engine:
    if spec not in _worker_engines:
        _worker_engines[spec] = load_engine(*spec, threads=_worker_threads)
    return _worker_engines[spec]


def _start_worker(threads: int, specs: list[VoiceSpec]) -> None:
    """Pool initializer: load the voices the first jobs need, before any job arrives."""
    global _worker_threads
    _worker_threads = threads
    for spec in specs:
        _worker_engine(spec)


def voice_in_worker(job: SegmentJob) -> SegmentAudio:
    """A worker's job (a local pool's process or a cluster's task): voice it with the worker's own engine,
    loaded once per process."""
    engine = _worker_engine(job.voice)
    if engine.identity != job.identity:
        raise PodcastError(f"a voicing worker loaded {engine.identity!r} but the build expects {job.identity!r}; "
                           f"reinstall so every process uses the same voice")
    audio = synthesize(job, engine)
    return_freed_memory()
    return audio


class LocalExecutor:
    """Voices on this machine: with one worker (or a single job) in this process with the driver's loaded
    engines, else in a pool of `workers` processes started on first use and kept for later batches."""

    def __init__(self, engines: Iterable[Engine], workers: int):
        self.engines = {e.identity: e for e in engines}
        self.workers = max(1, workers)
        self.threads = max(1, usable_cores() // self.workers)
        """Engine threads per worker: workers x threads = cores."""
        self._pool: ProcessPoolExecutor | None = None

    def voice(self, jobs: Sequence[SegmentJob]) -> Iterator[tuple[SegmentJob, SegmentAudio]]:
        if self.workers == 1 or len(jobs) <= 1:
            for job in jobs:
                yield job, synthesize(job, self.engines[job.identity])
            return
        pool = self._pool_for(jobs)
        # Longest first, so the last jobs to finish are short ones and no worker idles at the end.
        futures = {pool.submit(voice_in_worker, job): job for job in sorted(jobs, key=lambda j: -j.size)}
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:  # let go of each future as it is yielded: it holds its audio
                    yield futures.pop(future), future.result()
        except BrokenProcessPool:
            raise PodcastError("a voicing worker process died (out of memory?); try again with --jobs 1") from None
        finally:
            for future in futures:
                future.cancel()

    def _pool_for(self, jobs: Sequence[SegmentJob]) -> ProcessPoolExecutor:
        if self._pool is None:
            specs = sorted({job.voice for job in jobs})
            self._pool = spawn_pool(self.workers, _start_worker, (self.threads, specs))
        return self._pool

    def close(self) -> None:
        """Stop the workers and let go of the engines (their memory is then free for mastering)."""
        self.engines.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "LocalExecutor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
