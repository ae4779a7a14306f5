"""Worker processes, started one way: a pool of fresh interpreters (spawn, never a fork of a driver whose threads
are running) whose workers leave Ctrl-C to the driver, which cancels the work (a worker interrupted mid-job would
only print a traceback)."""
from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from typing import Callable


def leave_interrupts_to_the_driver() -> None:
    """In a worker process: ignore Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start(initializer: Callable | None, *initargs) -> None:
    leave_interrupts_to_the_driver()
    if initializer is not None:
        initializer(*initargs)


def spawn_pool(processes: int, initializer: Callable | None = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of `processes` spawned workers that ignore Ctrl-C, each running initializer(*initargs) first (a
    module-level function: it travels to the workers by name)."""
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
                               initargs=(initializer, *initargs))
