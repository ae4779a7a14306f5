"""Splicing pickups into a take: the segment's current sentences, each from the take or from a pickup that
holds it, joined so the join is not heard.

The plan (sources_of) says where every current sentence comes from: a pickup that holds it (the highest
numbered one wins), else the take's sentence it was (the sentences that changed since the take have none and
need a pickup). The take is cut in its pauses, at the quietest 10 ms between two sentences (never nearer a
word than GUARD_S, pocketsphinx's word boundaries), and the pickups at their first and last word. Each join
gets the take's own pause there: the take's pause audio up to its cut, the pickup's own lead-in or tail, and
the take's room tone (its longest pause, mirrored to length) for the rest; every junction is an equal-power
crossfade of CROSSFADE_S. The pickups are levelled to the take's loudness first (loudness.py, mastering's
measure)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..audio import resample
from ..loudness import integrated_lufs
from .alignment import PlacedText
from .sentence_changes import Change

CROSSFADE_S = 0.01
"""Each junction fades over 10 ms: long enough that no step is heard, short enough to stay inside a pause."""
GUARD_S = 0.03
"""A take is cut no nearer than this to a word the recogniser placed (its boundaries are 10 ms frames)."""
QUIET_WINDOW_S = 0.01
"""The quietest point of a pause is the middle of its quietest window this long."""
DEFAULT_PAUSE_S = 0.5
"""Between two sentences where the take has no pause to copy (a take of one sentence)."""


@dataclass(frozen=True)
class Source:
    """A recording sentences come from: the take (pickup None) or a pickup, with its sentences' word spans."""

    samples: np.ndarray
    spans: list[tuple[float, float] | None]
    """Per sentence of its text (the take's: the text it was read from; a pickup's: the current text): the
    first word's start and the last word's end in seconds, None where it was not placed."""
    pickup: int | None = None
    """Index into the pickups, None for the take."""


@dataclass(frozen=True)
class Run:
    """Consecutive current sentences from one source: its sentences first..last (in the source's numbering)."""

    source: Source
    first: int
    last: int


def spans_of(placed: list[PlacedText]) -> list[tuple[float, float] | None]:
    return [(p.words[0].start_s, p.words[-1].end_s) if p.words and p.read_to_end else None for p in placed]


def sources_of(new_count: int, kept: dict[int, int], pickups: list[tuple[int, int]]) -> list[tuple[int | None, int] | None]:
    """Per current sentence: (pickup index, sentence) from a pickup holding it (pickups: each one's first and last
    current sentence; a later one wins), else (None, the take's sentence it was: kept maps each unchanged sentence
    of the take to its place now), else None (changed, no pickup)."""
    out: list[tuple[int | None, int] | None] = [None] * new_count
    for old, new in kept.items():
        out[new] = (None, old)
    for n, (first, last) in enumerate(pickups):
        for j in range(first, last + 1):
            out[j] = (n, j)
    return out


def runs_of(sources: list[tuple[int | None, int]], take: Source, pickups: list[Source]) -> list[Run]:
    """The sentences grouped into runs of one source, read in order."""
    runs: list[Run] = []
    for pickup, k in sources:
        source = take if pickup is None else pickups[pickup]
        last = runs[-1] if runs else None
        if last and last.source is source and last.last + 1 == k:
            runs[-1] = Run(source, last.first, k)
        else:
            runs.append(Run(source, k, k))
    return runs


def unplaced(runs: list[Run]) -> list[str]:
    """The sentences a cut needs whose words the alignment did not place (none, for a splice to be made): a
    run's first and last, and for a run of the take the sentences either side of it too, since its cuts lie in
    the pauses after and before them (with one unplaced, the cut would fall back to the take's start or end and
    let that sentence in)."""
    def needed(r: Run) -> list[int]:
        ends = [r.first, r.last]
        if r.source.pickup is None:
            ends = [k for k in (r.first - 1, *ends, r.last + 1) if 0 <= k < len(r.source.spans)]
        return list(dict.fromkeys(ends))
    return [f"sentence {k + 1} of {'the take' if r.source.pickup is None else 'its pickup'}"
            for r in runs for k in needed(r) if r.source.spans[k] is None]


def quietest(samples: np.ndarray, rate: int, start_s: float, end_s: float) -> float:
    """The middle of the quietest QUIET_WINDOW_S between start_s and end_s (GUARD_S in from both), in seconds;
    the middle of the stretch when it is too short for that."""
    lo, hi = round((start_s + GUARD_S) * rate), round((end_s - GUARD_S) * rate)
    width = max(1, round(QUIET_WINDOW_S * rate))
    if hi - lo < width:
        return (start_s + end_s) / 2
    energy = np.concatenate([[0.0], np.cumsum(np.square(samples[lo:hi].astype(np.float64)))])
    window = energy[width:] - energy[:-width]
    return (lo + int(np.argmin(window)) + width / 2) / rate


def pauses(take: Source) -> list[tuple[float, float]]:
    """The take's pauses between consecutive placed sentences: (last word's end, next first word's start)."""
    spans = [s for s in take.spans if s]
    return [(a[1], b[0]) for a, b in zip(spans, spans[1:]) if b[0] > a[1]]


def pause_at(take: Source, before: int | None, after: int | None) -> float:
    """The take's pause between its sentences before and after (either may be None), else its median pause."""
    spans = take.spans
    if before is not None and before + 1 < len(spans) and spans[before] and spans[before + 1]:
        return max(spans[before + 1][0] - spans[before][1], 0.0)
    if after is not None and after > 0 and spans[after] and spans[after - 1]:
        return max(spans[after][0] - spans[after - 1][1], 0.0)
    found = [b - a for a, b in pauses(take)]
    return float(np.median(found)) if found else DEFAULT_PAUSE_S


def room_tone(take: Source, rate: int, length: int) -> np.ndarray:
    """length samples of the take's room: its longest pause (GUARD_S in from the words) mirrored back and forth,
    which keeps the waveform continuous where it turns."""
    found = pauses(take) or [(0.0, take.spans[0][0] if take.spans and take.spans[0] else 0.0)]
    a, b = max(found, key=lambda p: p[1] - p[0])
    lo, hi = round((a + GUARD_S) * rate), round((b - GUARD_S) * rate)
    if hi - lo < 2:
        lo, hi = round(a * rate), max(round(b * rate), round(a * rate) + 2)
    quiet = take.samples[lo:hi]
    if len(quiet) < 2:
        return np.zeros(length, np.float32)
    cycle = np.concatenate([quiet, quiet[::-1]])
    return np.tile(cycle, length // len(cycle) + 1)[:length].astype(np.float32)


def matched_loudness(pickup: np.ndarray, take: np.ndarray, rate: int) -> np.ndarray:
    """The pickup at the take's integrated loudness (unchanged when either cannot be measured)."""
    target, own = integrated_lufs(take, rate), integrated_lufs(pickup, rate)
    if not (np.isfinite(target) and np.isfinite(own)):
        return pickup
    return (pickup * np.float32(10 ** ((target - own) / 20))).astype(np.float32)


def at_rate(samples: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    return resample(samples.astype(np.float32), from_hz, to_hz)


def edges(r: Run, rate: int) -> tuple[float, float, float, float]:
    """A run's room and speech in its source, in seconds: (head, first word's start, last word's end, tail).
    The take's room ends at the quietest point of the pauses around the run (or the take's ends, for its first
    and last sentence: unplaced() has refused a run beside an unplaced one); a pickup's is all of it, less half a
    crossfade."""
    s, half_s = r.source, CROSSFADE_S / 2
    a, b = s.spans[r.first][0], s.spans[r.last][1]
    if s.pickup is not None:
        return min(half_s, a), a, b, max(len(s.samples) / rate - half_s, b)
    before, after = (s.spans[r.first - 1] if r.first > 0 else None), (s.spans[r.last + 1] if r.last + 1 < len(s.spans) else None)
    head = quietest(s.samples, rate, before[1], a) if before else 0.0
    tail = quietest(s.samples, rate, b, after[0]) if after else len(s.samples) / rate
    return head, a, b, tail


def shares(room_before: float, room_after: float, pause: float) -> tuple[float, float]:
    """How much of the pause comes from the end of the outgoing run and from the start of the incoming one: the
    outgoing side's first (a take's pause runs on to its cut, a pickup's tail holds its last word's decay), then
    the incoming side's (a pickup's breath before its first word); the rest is room tone."""
    t = min(max(room_before, 0.0), pause)
    return t, min(max(room_after, 0.0), pause - t)


def overlap_add(plan: list[tuple[np.ndarray, int, int]], half: int) -> np.ndarray:
    """The pieces (samples, start, end) one after another, each junction an equal-power crossfade of 2 * half
    samples centred on it (a piece lends half beyond its end, the next half before its start; zeros past a
    source's ends)."""
    offsets = list(np.cumsum([0] + [b - a for _, a, b in plan[:-1]]))
    total = sum(b - a for _, a, b in plan)
    out = np.zeros(total + 2 * half, np.float64)
    rise = np.sin(np.linspace(0, np.pi / 2, 2 * half))
    for i, (samples, a, b) in enumerate(plan):
        lo, hi = a - (half if i else 0), b + (half if i < len(plan) - 1 else 0)
        piece = np.zeros(hi - lo)
        piece[max(lo, 0) - lo:min(hi, len(samples)) - lo] = samples[max(lo, 0):min(hi, len(samples))]
        if i:
            piece[:2 * half] *= rise
        if i < len(plan) - 1:
            piece[len(piece) - 2 * half:] *= rise[::-1]
        at = offsets[i] + half - (half if i else 0)
        out[at:at + len(piece)] += piece
    return out[half:half + total].astype(np.float32)


def pieces(take: Source, runs: list[Run], rate: int) -> tuple[list[tuple[np.ndarray, int, int]], list[float]]:
    """The pieces to join (samples, start, end) and where each join between two runs lands, in seconds."""
    half = half_crossfade(rate)
    sec = lambda t: round(t * rate)  # noqa: E731
    plan: list[tuple[np.ndarray, int, int]] = []
    joins: list[float] = []
    for n, r in enumerate(runs):
        head, a, b, tail = edges(r, rate)
        if n:
            prev = runs[n - 1]
            _, _, prev_b, prev_tail = edges(prev, rate)
            pause = pause_at(take, prev.last if prev.source.pickup is None else None,
                             r.first if r.source.pickup is None else None)
            t, h = shares(prev_tail - prev_b, a - head, pause)
            source, start, _ = plan[-1]
            plan[-1] = (source, start, sec(prev_b + t))
            joins.append(sum(y - x for _, x, y in plan) / rate)
            fill = sec(pause) - (sec(prev_b + t) - sec(prev_b)) - (sec(a) - sec(a - h))
            if fill > 0:
                plan.append((room_tone(take, rate, fill + 2 * half), half, half + fill))
            head = a - h
        plan.append((r.source.samples, sec(head), sec(tail)))
    return plan, joins


def half_crossfade(rate: int) -> int:
    return round(CROSSFADE_S * rate / 2)
