"""Progress of voicing on stderr: segments done, seconds of audio produced and time left. A tqdm bar on a
terminal; plain log lines elsewhere (CI logs, files), at most one every LOG_EVERY_S and one at the end."""
from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("podcast")

LOG_EVERY_S = 10.0


def seconds_left(elapsed_s: float, done: int, total: int) -> float | None:
    """Time left at the rate so far (None before any work is done)."""
    return elapsed_s / done * (total - done) if done else None


class Progress:
    """Work is counted in characters spoken, so time left does not jump with segment lengths."""

    def __init__(self, label: str, segments: int, chars: int, stream=None):
        self.label, self.segments, self.chars = label, segments, chars
        self.done_segments = self.done_chars = 0
        self.audio_s = 0.0
        self.started = self.last_log = time.monotonic()
        stream = stream or sys.stderr
        self._bar = None
        if segments and stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=chars, desc=self._status(), file=stream, leave=False, dynamic_ncols=True,
                             bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}, {remaining} left")

    def _counts(self) -> str:
        return f"{self.done_segments}/{self.segments} segments, {self.audio_s:.0f} s of audio"

    def _status(self) -> str:
        return f"{self.label}: {self._counts()}"

    def advance(self, chars: int, audio_s: float) -> None:
        self.done_segments += 1
        self.done_chars += chars
        self.audio_s += audio_s
        if self._bar is not None:
            self._bar.set_description_str(self._status(), refresh=False)
            self._bar.update(chars)
            return
        now = time.monotonic()
        if now - self.last_log >= LOG_EVERY_S and self.done_segments < self.segments:
            self.last_log = now
            left = seconds_left(now - self.started, self.done_chars, self.chars)
            log.info("%s: %s, about %.0f s left", self.label, self._counts(), left)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        if self.segments:
            log.info("%s: %s in %.1f s", self.label, self._counts(), time.monotonic() - self.started)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
