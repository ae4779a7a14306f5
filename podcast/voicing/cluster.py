"""RayExecutor: segment voicing sent to a Ray cluster as tasks (`podcast build --executor ray`).

Each segment job runs as a Ray task. Ray keeps its worker processes, and each keeps the voices it has
loaded (the per-process cache of the local pool, pool._worker_engine), so a voice loads once per worker.
Audio and sentence timings come back through Ray's object store; the driver alone writes the cache and the
site, so workers need no shared disk, only the same installed project. A task lost with its worker or
node is retried by Ray on another node; finished tasks are never redone."""
from __future__ import annotations

from typing import Iterator, Sequence

from ..errors import PodcastError
from ..audio import SegmentAudio
from .pool import SegmentJob, voice_in_worker

TASK_RETRIES = 10
"""How often Ray retries a task whose worker or node died (not one whose code raised)."""


def _ray():
    try:
        import ray
    except ImportError:
        raise PodcastError("--executor ray needs Ray: pip install '.[cluster]'") from None
    return ray


def wants_gpu(job: SegmentJob) -> bool:
    """A voice configured with device = "cuda" in the cast asks for a GPU for each of its tasks."""
    return dict(job.voice.options).get("device") == "cuda"


class RayExecutor:
    """Voices jobs on the Ray cluster whose head is at `address` (host:port), or "auto" for the one this
    machine belongs to. Connects on creation; close() disconnects, leaving the cluster running."""

    def __init__(self, address: str):
        ray = _ray()
        try:
            ray.init(address=address, logging_level="ERROR", log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as e:
            raise PodcastError(f"cannot connect to the Ray cluster at {address}: {e}") from None
        self._task = ray.remote(max_retries=TASK_RETRIES, num_cpus=1)(voice_in_worker)

    @property
    def nodes(self) -> int:
        return sum(1 for node in _ray().nodes() if node["Alive"])

    def voice(self, jobs: Sequence[SegmentJob]) -> Iterator[tuple[SegmentJob, SegmentAudio]]:
        ray = _ray()
        # Longest first, as locally: the last tasks to finish are short ones.
        refs = {self._task.options(num_gpus=1 if wants_gpu(job) else 0).remote(job): job
                for job in sorted(jobs, key=lambda j: -j.size)}
        pending = list(refs)
        try:
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                for ref in done:
                    try:
                        yield refs[ref], ray.get(ref)
                    except ray.exceptions.RayTaskError as e:
                        raise PodcastError(f"voicing {refs[ref].segment_id} failed on the cluster: {e.cause}") from None
                    except ray.exceptions.RayError as e:
                        raise PodcastError(f"voicing {refs[ref].segment_id} was lost on the cluster "
                                           f"({type(e).__name__}) after {TASK_RETRIES} retries") from None
        finally:
            for ref in pending:
                ray.cancel(ref, force=True)

    def close(self) -> None:
        ray = _ray()
        if ray.is_initialized():
            ray.shutdown()

    def __enter__(self) -> "RayExecutor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
