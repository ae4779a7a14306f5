"""A segment's take with its pickups: each pickup judged (pickups.py), and when the accepted ones hold every
sentence that changed since the take was read, the take spliced with them (splice.py); a take whose text only
lost sentences since is spliced alone, those sentences cut out. The take and pickup files are only read; the
take's sentence alignment and the spliced audio are cached under the digest of the take's audio (a segment cut
from a whole-episode take moves when any segment's text changes; its file does not), the pickups' files and the
texts."""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, replace

import numpy as np

from ..hearing import audio_key
from ..store import Store
from .decoding import TakeError, decode_take
from .pickups import PickupVerdict, align_sentences, judge_pickup
from .sentence_changes import compare_sentences, segment_sentences
from .splice import (Source, at_rate, half_crossfade, matched_loudness, overlap_add, pieces, runs_of, sources_of,
                     spans_of, unplaced)
from .takes import PickupFile
from .transcripts import Transcripts

SPLICE_METHOD = "splice 1"
"""What shapes a spliced take besides its recordings (for its cache key): change it when splice.py changes."""


@dataclass(frozen=True)
class WithPickups:
    verdicts: tuple[PickupVerdict, ...]
    spliced: bool
    """The pickups hold every changed sentence and the take could be cut: the segment is the narrator's again."""
    note: str
    """Why not (empty when spliced, or when there is nothing to splice)."""
    samples: np.ndarray | None = None
    """The spliced audio at the take's rate, when asked for."""
    joins_s: tuple[float, ...] = ()
    """Where the runs join in the spliced audio, in seconds (also when it is not rendered)."""
    duration_s: float = 0.0
    """The spliced audio's length (when spliced)."""
    deleted: tuple[int, ...] = ()
    """The take's sentences cut out because the text no longer has them (numbered in the take's text)."""


def apply_pickups(recognizer: Transcripts, rel, take_samples: np.ndarray, rate: int, pickups: list[PickupFile],
                  digest_of, text: str, old_text: str, others: dict[str, str], longest_s: float, render: bool
                  ) -> WithPickups:
    """The pickups of a segment whose current text is text, its take (read from old_text) as decoded; rel names
    a file for the verdicts, digest_of digests a file; render: make the spliced audio too."""
    compared = compare_sentences(old_text, text)
    changes = compared.changes
    deleted = tuple(k for c in changes if c.new_start == c.new_end for k in range(c.old_start, c.old_end))
    verdicts: list[PickupVerdict] = []
    accepted: list[tuple[int, Source, str]] = []  # (its verdict's index, its audio and spans, its file's digest)
    for pickup in pickups:
        name = rel(pickup.path)
        try:
            decoded = decode_take(pickup.path, longest_s)
        except TakeError as e:
            verdicts.append(PickupVerdict(name, None, None, False, str(e)))
            continue
        digest = digest_of(pickup.path)
        placed = align_sentences(recognizer, decoded.samples, decoded.sample_rate, text, digest)
        heard = " ".join(w.word for w in recognizer.words(decoded.samples, decoded.sample_rate))
        verdicts.append(judge_pickup(name, heard, placed, text, others, old_text if changes else None, changes))
        if verdicts[-1].accepted:
            samples = at_rate(decoded.samples, decoded.sample_rate, rate)
            accepted.append((len(verdicts) - 1, Source(samples, spans_of(placed), len(accepted)), digest))
    by_sentence = sources_of(len(segment_sentences(text)), compared.kept,
                             [(verdicts[v].first, verdicts[v].last) for v, _, _ in accepted])
    missing = [j for j, s in enumerate(by_sentence) if s is None]
    if missing or not (accepted or deleted):
        note = f"pickups needed: {', '.join(f'sentence {j + 1}' for j in missing)}" if missing and pickups else ""
        return WithPickups(tuple(verdicts), False, note)
    take_key = audio_key(take_samples, rate)
    take = Source(take_samples, spans_of(align_sentences(recognizer, take_samples, rate, old_text, take_key)))
    runs = runs_of(by_sentence, take, [s for _, s, _ in accepted])
    unfound = unplaced(runs)
    if unfound:
        return WithPickups(tuple(verdicts), False, f"cannot cut at {', '.join(unfound)}: not found by alignment")
    used = {accepted[r.source.pickup][0] for r in runs if r.source.pickup is not None}
    verdicts = [replace(v, used=True) if n in used else v for n, v in enumerate(verdicts)]
    plan, joins = pieces(take, runs, rate)
    joins_s, duration_s = tuple(round(j, 3) for j in joins), sum(b - a for _, a, b in plan) / rate
    if not render:
        return WithPickups(tuple(verdicts), True, "", joins_s=joins_s, duration_s=duration_s, deleted=deleted)
    identity = [SPLICE_METHOD, take_key, *(d for _, _, d in accepted), old_text, text, rate]
    key = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode("utf-8")).hexdigest()
    store = Store(recognizer.splices)
    samples = store.load(key, spliced_samples, ".npy")
    if samples is None:
        levelled = {s.pickup: replace(s, samples=matched_loudness(s.samples, take_samples, rate))
                    for _, s, _ in accepted}
        runs = [r if r.source.pickup is None else replace(r, source=levelled[r.source.pickup]) for r in runs]
        samples = overlap_add(pieces(take, runs, rate)[0], half_crossfade(rate))
        buf = io.BytesIO()
        np.save(buf, samples, allow_pickle=False)
        store.save(key, ".npy", buf.getvalue())
    return WithPickups(tuple(verdicts), True, "", samples, joins_s, duration_s, deleted)


def spliced_samples(data: bytes) -> np.ndarray:
    """A cached spliced take (ValueError, and the entry is made again, when it is not float32 mono)."""
    samples = np.load(io.BytesIO(data), allow_pickle=False)
    if samples.dtype != np.float32 or samples.ndim != 1:
        raise ValueError("not a spliced take")
    return samples
