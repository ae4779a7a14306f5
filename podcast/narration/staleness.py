"""Stale takes: the text a take was accepted against is kept in recordings/takes.lock, so a later change to
the segment's text is noticed. The narrator's audio files are never touched; only this JSON file is written.

The rule: a take is stale when its segment's text hash differs from the one recorded when it was accepted.
A stale take is still used when the change is small: at most SMALL_CHANGE_WORDS words edited (word-level
edit distance: substitutions, insertions, deletions) and at most SMALL_CHANGE_FRACTION of the segment's words,
e.g. a typo fix or a changed number in a long summary. Otherwise TTS voices the new text until the narrator
records it again (or the producer forces the take).

The lock also keeps, for each pickup a build spliced in, the digest of the take it went into: a pickup is
never spliced into another take of its segment (one recorded after it, say)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import jiwer

from ..errors import InputError
from ..files import write_atomic
from ..recognition import words

SMALL_CHANGE_WORDS = 3
SMALL_CHANGE_FRACTION = 0.10


@dataclass(frozen=True)
class Accepted:
    """What a take was accepted against."""

    file: str
    sha256: str
    """Digest of the take file (a new recording of the segment is accepted afresh)."""
    text_hash: str
    text: str
    pickups: dict[str, str] = field(default_factory=dict)
    """Digest of each pickup file spliced into a take of the segment -> digest of that take (kept when a new
    take is accepted): a pickup is used only with the take it was recorded for."""

    def pickup_fits(self, pickup_digest: str, take_digest: str) -> bool:
        """Whether a pickup may be spliced into the take: it was never used, or used with this take."""
        return self.pickups.get(pickup_digest, take_digest) == take_digest


def words_changed(old: str, new: str) -> int:
    """Word-level edit distance between two texts."""
    old_words, new_words = words(old), words(new)
    if not old_words or not new_words:
        return max(len(old_words.split()), len(new_words.split()))
    out = jiwer.process_words(old_words, new_words)
    return out.substitutions + out.deletions + out.insertions


def is_small_change(old: str, new: str) -> bool:
    changed = words_changed(old, new)
    longer = max(len(words(old).split()), len(words(new).split()), 1)
    return changed <= SMALL_CHANGE_WORDS and changed <= SMALL_CHANGE_FRACTION * longer


def read_lock(path: Path) -> dict[str, Accepted]:
    """Segment id -> what its take was accepted against; empty when there is no lock yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {sid: Accepted(**entry) for sid, entry in data["takes"].items()}
    except FileNotFoundError:
        return {}
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(path, f"not a takes lock written by podcast ({e}); delete it to accept the takes afresh")


def write_lock(path: Path, accepted: dict[str, Accepted]) -> None:
    data = {"about": "Takes accepted by `podcast build`, with the text each was accepted against.",
            "takes": {sid: asdict(a) for sid, a in sorted(accepted.items())}}
    write_atomic(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
