"""Force-align a whole-episode take of AN #99 (the simulated narrator of the tests: piper's joe voice, slower,
pauses of 0.3-2 s, 6-10 dB down, two segments skipped) to the script; print times (median of runs), the
alignment's speed as a ratio of the take's length, and the cut errors against the session's join points."""
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from podcast.episode import load_episode  # noqa: E402
from podcast.config import load_show  # noqa: E402
from podcast.narration.episode_take import cut_points  # noqa: E402
from podcast.narration.transcripts import Transcripts  # noqa: E402
from tests.support.narrator import RATE_HZ, record_session  # noqa: E402


NARRATOR_LENGTH_SCALE = 1.45
"""Slower than the tests' narrator, so that AN #99 read with two segments skipped lasts about 20 minutes."""


def main(runs: int = 3) -> None:
    script = load_episode(ROOT / "episodes" / "099", load_show(ROOT / "podcast.toml")).script
    started = time.perf_counter()
    skip = {5, 17}
    session = record_session([s.text for s in script.segments], skip, length_scale=NARRATOR_LENGTH_SCALE)
    narrator_s = time.perf_counter() - started
    take_min = len(session.samples) / RATE_HZ / 60
    times, spans = [], None
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:  # a fresh cache: each run aligns
            started = time.perf_counter()
            spans = cut_points(session.samples, RATE_HZ, [s.text for s in script.segments], Transcripts(Path(cache)),
                               "bench")
            times.append(time.perf_counter() - started)
    errors_ms = [abs(got - want) * 1000 for i, span in enumerate(spans) if span is not None and i in session.spans_s
                 for got, want in zip((span.start_s, span.end_s), session.spans_s[i])]
    found_skips = {i for i, span in enumerate(spans) if span is None}
    align_s = statistics.median(times)
    print(f"take: {take_min:.1f} min, {len(script.segments)} segments, skipped {sorted(skip)}, "
          f"found skipped {sorted(found_skips)}")
    print(f"(setup, not timed as alignment: simulated narrator {narrator_s:.1f} s)")
    per_20_min_s = align_s * 20 / take_min
    print(f"align: median {align_s:.2f} s of {runs} runs ({', '.join(f'{t:.2f}' for t in times)}); "
          f"{align_s / (take_min * 60):.4f} s per second of take; scaled to a 20-minute take {per_20_min_s:.1f} s, "
          f"{per_20_min_s / 20:.2f} x the 20 s target")
    print(f"cut errors over {len(errors_ms)} cuts: median {np.median(errors_ms):.0f} ms, "
          f"p95 {np.percentile(errors_ms, 95):.0f} ms, max {max(errors_ms):.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
