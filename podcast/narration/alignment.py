"""Whole-episode takes: align a long recording to the script's reference TTS and find each segment in it.

As aeneas does: the reference is the script read by the default voice; both signals become MFCC frames
(python_speech_features), normalised per recording so two voices compare; dynamic time warping then maps
reference frames to take frames. The DTW is multi-scale: an unbanded pass on coarse frames, which may jump
over whole segments the narrator skipped, finds the rough path, and a fine pass runs only in a band around it (hand-written: the DTW libraries on PyPI fill the
whole N x M cost matrix, which for two 20-minute recordings at 40 ms is 30,000 x 30,000 cells). Cuts are then
moved to the take's nearest speech onset or offset, where the narrator paused.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..audio import resample

FEATURE_RATE_HZ = 8000
"""Telephone band: enough to tell speech sounds apart, and half the work of 16 kHz."""
MFCC_HOP_S = 0.02
"""MFCC hop; the DTW runs on frames pooled from these."""
FINE_POOL = 2
"""Fine DTW frames are 2 MFCC frames (40 ms)."""
COARSE_POOL = 16
"""Coarse DTW frames are 16 MFCC frames (320 ms)."""
FRAME_S = 0.01
"""Energy frames, for placing cuts in the take's pauses."""
BAND_RADIUS_FRAMES = 12
"""Half-width of the fine band around the coarse path, in fine frames (0.48 s)."""
SNAP_S = 0.6
"""A cut moves to a speech onset/offset of the take no further than this."""
SILENCE_DB = 35.0
"""Frames this far below the take's loud frames (95th percentile energy) count as silence."""
MIN_PAUSE_S = 0.15
SKIP_PENALTY_PER_FRAME = 1.3
"""Cost of jumping over a reference segment on the coarse pass, per frame jumped, in units of a typical
matched-frame distance (the median distance from a reference frame to its nearest take frame): jumping
saves the frames' matching costs, so it must cost a little more than matching them would. Set on the
simulated narrator: at 1.0 a present 53-word segment was jumped, at 1.6 a skipped 111-word one was not;
a one-word title may go unnoticed, and its tiny cut then fails the recogniser's check."""


@dataclass(frozen=True)
class Span:
    """Where a stretch of speech sits in a recording, in seconds."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def to_feature_rate(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    return resample(samples, sample_rate, FEATURE_RATE_HZ).astype(np.float32)


def features(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """MFCC frames every 20 ms, mean- and variance-normalised over the recording (so voices compare)."""
    from python_speech_features import mfcc  # imports scipy (~0.4 s): only when a whole-episode take is aligned

    signal = to_feature_rate(samples, sample_rate)
    frames = mfcc(signal, FEATURE_RATE_HZ, winstep=MFCC_HOP_S, numcep=13, nfft=256).astype(np.float32)
    return (frames - frames.mean(0)) / (frames.std(0) + 1e-6)


def frame_energy_db(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Energy of each 10 ms frame in dB."""
    hop = round(sample_rate * FRAME_S)
    n = len(samples) // hop
    frames = samples[: n * hop].reshape(n, hop).astype(np.float64)
    return 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)


def pool(frames: np.ndarray, k: int) -> np.ndarray:
    """Average every k consecutive frames."""
    n = -(-len(frames) // k)
    padded = np.concatenate([frames, np.repeat(frames[-1:], n * k - len(frames), axis=0)])
    return padded.reshape(n, k, -1).mean(1)


def distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Euclidean distance from one frame to each of many."""
    return np.sqrt(np.maximum(((b - a) ** 2).sum(-1), 0))


def banded_dtw(ref: np.ndarray, take: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """DTW path (pairs of ref, take frame indices) from (0, 0) to the last frames, visiting in each ref row i
    only take columns lo[i]..hi[i] (inclusive, non-decreasing, overlapping row to row).

    Each row is computed with numpy: D[i, j] = c[i, j] + min(D[i-1, j-1], D[i-1, j], D[i, j-1]); the
    horizontal term is a running minimum, D[i, :] = S + minimum.accumulate(A - S) with S the row's cumulative
    cost and A the cost from the previous row."""
    rows: list[np.ndarray] = []
    prev, prev_lo, prev_hi = None, 0, -1
    for i in range(len(ref)):
        a, b = lo[i], hi[i]
        cost = distances(ref[i], take[a:b + 1])
        if prev is None:
            from_above = np.full(b - a + 1, np.inf)
            from_above[0] = 0.0
        else:
            cols = np.arange(a, b + 1)
            up = np.where((cols >= prev_lo) & (cols <= prev_hi), prev[np.clip(cols - prev_lo, 0, len(prev) - 1)], np.inf)
            diag_cols = cols - 1
            diag = np.where((diag_cols >= prev_lo) & (diag_cols <= prev_hi),
                            prev[np.clip(diag_cols - prev_lo, 0, len(prev) - 1)], np.inf)
            from_above = np.minimum(up, diag)
        start = cost + from_above
        running = np.cumsum(cost)
        row = running + np.minimum.accumulate(start - running)
        rows.append(row)
        prev, prev_lo, prev_hi = row, a, b
    return backtrack(rows, lo, hi)


def backtrack(rows: list[np.ndarray], lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Walk back from the last cell along the cheapest predecessors."""
    i, j = len(rows) - 1, int(hi[-1])
    path = [(i, j)]

    def at(r: int, c: int) -> float:
        return float(rows[r][c - lo[r]]) if lo[r] <= c <= hi[r] else np.inf

    while i > 0 or j > 0:
        options = ((at(i - 1, j - 1), i - 1, j - 1), (at(i - 1, j), i - 1, j), (at(i, j - 1), i, j - 1))
        _, i, j = min(o for o in options if o[1] >= 0 and o[2] >= 0)
        path.append((i, j))
    return np.array(path[::-1])


def band_around(path: np.ndarray, scale: int, n_rows: int, n_cols: int, radius: int) -> tuple[np.ndarray, np.ndarray]:
    """Fine-level column bounds per row: the coarse path's cells scaled up, widened by radius (rows the path
    does not reach take their neighbours' bounds)."""
    lo = np.full(n_rows, n_cols, dtype=np.int64)
    hi = np.full(n_rows, -1, dtype=np.int64)
    for i, j in path:
        r0, r1 = i * scale, min((i + 1) * scale, n_rows)
        lo[r0:r1] = np.minimum(lo[r0:r1], j * scale)
        hi[r0:r1] = np.maximum(hi[r0:r1], min((j + 1) * scale, n_cols) - 1)
    untouched = hi < 0
    lo = np.where(untouched, 0, np.maximum(lo - radius, 0))
    hi = np.where(untouched, n_cols - 1, np.minimum(hi + radius, n_cols - 1))
    lo = np.maximum.accumulate(lo)
    hi = np.minimum.accumulate(hi[::-1])[::-1]
    lo[0], hi[-1] = 0, n_cols - 1
    return lo, hi


def step_in(row: np.ndarray) -> np.ndarray:
    """Best cost of entering each column of the next row from this one (straight down or diagonally)."""
    return np.minimum(row, np.concatenate([[np.inf], row[:-1]]))


def skipping_dtw(ref: np.ndarray, take: np.ndarray, segment_rows: list[tuple[int, int]],
                 penalties: list[float]) -> tuple[np.ndarray, list[int]]:
    """Unbanded DTW over the coarse frames that may jump over whole reference segments (the narrator skipped
    them), paying penalties[k] to jump over segment k. segment_rows tile the reference rows. Returns the path (pairs of ref, take
    rows; no rows of skipped segments) and the indices of the segments it skipped."""
    n, m = len(ref), len(take)
    table = np.empty((n, m), np.float64)
    first = {s: k for k, (s, _) in enumerate(segment_rows)}
    virtual_start = np.full(m, np.inf)
    virtual_start[0] = 0.0
    jump_val = np.full(m, np.inf)  # best entry into the next segment's first row by skipping >= 1 segment
    jump_src = np.full(m, -1, np.int64)  # source row of that entry (-2: from before the first segment)
    jumps: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for i in range(n):
        k = first.get(i)
        if i == 0:
            from_above = virtual_start
        else:
            from_above = step_in(table[i - 1])
        if k is not None and k >= 1:
            if k == 1:
                jump_val, jump_src = virtual_start + penalties[0], np.full(m, -2, np.int64)
            else:
                before = step_in(table[segment_rows[k - 2][1]]) + penalties[k - 1]
                better = before < jump_val + penalties[k - 1]
                jump_val = np.where(better, before, jump_val + penalties[k - 1])
                jump_src = np.where(better, segment_rows[k - 2][1], jump_src)
            jumps[i] = (jump_val.copy(), jump_src.copy())
            from_above = np.minimum(from_above, jump_val)
        cost = distances(ref[i], take)
        running = np.cumsum(cost)
        table[i] = running + np.minimum.accumulate(cost + from_above - running)
    ends = [(table[e, m - 1] + sum(penalties[k + 1:]), e) for k, (_, e) in enumerate(segment_rows)]
    _, i = min(ends)
    j = m - 1
    path = [(i, j)]
    while True:
        options = [(table[i, j - 1] if j > 0 else np.inf, i, j - 1)]
        normal = step_in(table[i - 1]) if i > 0 else virtual_start
        if i in jumps and jumps[i][0][j] < normal[j]:
            src = int(jumps[i][1][j])
            if src == -2:
                break
            options += [(table[src, j], src, j), (table[src, j - 1] if j > 0 else np.inf, src, j - 1)]
        elif i > 0:
            options += [(table[i - 1, j], i - 1, j), (table[i - 1, j - 1] if j > 0 else np.inf, i - 1, j - 1)]
        elif j == 0:
            break
        _, i, j = min(options)
        path.append((i, j))
    path = np.array(path[::-1])
    visited = set(path[:, 0].tolist())
    skipped = [k for k, (s, e) in enumerate(segment_rows) if not any(r in visited for r in range(s, e + 1))]
    return path, skipped


def map_time(path: np.ndarray, ref_s: float, first: bool) -> float:
    """The take time the path pairs with a reference time (its first or last take frame)."""
    frame_s = MFCC_HOP_S * FINE_POOL
    row = min(int(ref_s / frame_s), int(path[-1, 0]))
    cols = path[path[:, 0] == row, 1]
    return float((cols[0] if first else cols[-1]) * frame_s)


def speech_mask(energy_db: np.ndarray) -> np.ndarray:
    """True for 10 ms frames of speech; pauses shorter than MIN_PAUSE_S count as speech."""
    loud = np.percentile(energy_db, 95) if len(energy_db) else 0.0
    speech = energy_db > loud - SILENCE_DB
    min_pause = round(MIN_PAUSE_S / FRAME_S)
    edges = np.flatnonzero(np.diff(np.concatenate([[1], speech.astype(np.int8), [1]])))
    for start, end in zip(edges[::2], edges[1::2]):
        if end - start < min_pause:
            speech[start:end] = True
    return speech


def snap(t_s: float, speech: np.ndarray, onset: bool) -> float:
    """Move a cut to the take's speech: a start in a pause goes to where speech resumes, an end in a pause
    back to where speech stopped; a cut inside speech moves to the nearest onset (or offset) within SNAP_S."""
    frame = min(max(int(round(t_s / FRAME_S)), 0), len(speech) - 1)
    if not speech[frame]:
        ahead = np.flatnonzero(speech[frame:]) if onset else np.flatnonzero(speech[:frame + 1])
        if len(ahead):
            return float((frame + ahead[0]) * FRAME_S if onset else (ahead[-1] + 1) * FRAME_S)
        return t_s
    flips = np.flatnonzero(np.diff(speech.astype(np.int8)) == (1 if onset else -1)) + 1
    if not len(flips):
        return t_s
    nearest = flips[np.argmin(np.abs(flips * FRAME_S - t_s))] * FRAME_S
    return float(nearest) if abs(nearest - t_s) <= SNAP_S else t_s


def segment_tiles(ref_spans: list[Span], n_frames: int) -> list[tuple[int, int]]:
    """MFCC frame ranges [start, end) tiling the reference, one per segment (each with the pause before it),
    cut on coarse-frame multiples."""
    cuts = [0] + [round(s.end_s / MFCC_HOP_S / COARSE_POOL) * COARSE_POOL for s in ref_spans[:-1]] + [n_frames]
    cuts = np.maximum.accumulate(np.minimum(cuts, n_frames))
    return [(int(a), int(b)) for a, b in zip(cuts, cuts[1:])]


def coarse_alignment(ref: np.ndarray, take: np.ndarray, tiles: list[tuple[int, int]]) -> tuple[np.ndarray, list[int]]:
    """Coarse DTW path (in coarse frames) and the segments the narrator did not read, from a DTW that may
    jump over whole segments."""
    coarse_ref, coarse_take = pool(ref, COARSE_POOL), pool(take, COARSE_POOL)
    rows = [(a // COARSE_POOL, -(-b // COARSE_POOL) - 1) for a, b in tiles]
    sample = coarse_ref[::4]
    matched_cost = float(np.median([distances(frame, coarse_take).min() for frame in sample]))
    penalties = [SKIP_PENALTY_PER_FRAME * matched_cost * (b - a + 1) for a, b in rows]
    return skipping_dtw(coarse_ref, coarse_take, rows, penalties)


def align_take(take: np.ndarray, take_rate: int, reference: np.ndarray, ref_rate: int,
               ref_spans: list[Span]) -> list[Span | None]:
    """Where each reference span (a segment of the script read by TTS) is in the take; None when the narrator
    skipped it. The fine pass runs on the reference without the skipped segments, in a band around the
    coarse path."""
    ref_frames, take_frames = features(reference, ref_rate), features(take, take_rate)
    tiles = segment_tiles(ref_spans, len(ref_frames))
    coarse, skipped = coarse_alignment(ref_frames, take_frames, tiles)
    kept = [k for k in range(len(tiles)) if k not in skipped and tiles[k][1] > tiles[k][0]]
    if not kept:
        return [None] * len(ref_spans)
    reduced = np.concatenate([ref_frames[tiles[k][0]:tiles[k][1]] for k in kept])
    row_shift = np.zeros(len(pool(ref_frames, COARSE_POOL)), np.int64)
    reduced_spans, t = {}, 0
    for k in kept:
        row_shift[tiles[k][0] // COARSE_POOL:-(-tiles[k][1] // COARSE_POOL)] = (tiles[k][0] - t) // COARSE_POOL
        offset_s = (t - tiles[k][0]) * MFCC_HOP_S
        reduced_spans[k] = Span(ref_spans[k].start_s + offset_s, ref_spans[k].end_s + offset_s)
        t += tiles[k][1] - tiles[k][0]
    coarse = np.column_stack([coarse[:, 0] - row_shift[coarse[:, 0]], coarse[:, 1]])
    scale = COARSE_POOL // FINE_POOL
    ref_fine, take_fine = pool(reduced, FINE_POOL), pool(take_frames, FINE_POOL)
    lo, hi = band_around(coarse, scale, len(ref_fine), len(take_fine), BAND_RADIUS_FRAMES)
    path = banded_dtw(ref_fine, take_fine, lo, hi)
    speech = speech_mask(frame_energy_db(to_feature_rate(take, take_rate), FEATURE_RATE_HZ))
    out: list[Span | None] = []
    for k in range(len(ref_spans)):
        if k not in reduced_spans:
            out.append(None)
            continue
        span = Span(map_time(path, reduced_spans[k].start_s, True), map_time(path, reduced_spans[k].end_s, False))
        start, end = snap(span.start_s, speech, True), snap(span.end_s, speech, False)
        out.append(Span(start, end) if end > start else span)
    return out
