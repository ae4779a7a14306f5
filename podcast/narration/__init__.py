"""Narration: the narrator's recorded takes swapped in for TTS, each checked to be the right one.

Takes live in an episode's recordings/ folder, named by segment id (or full.* for the whole episode). The
build voices every segment with TTS first (the TTS is the fallback, the recogniser's baseline and the
reference a whole-episode take is aligned to; it is cached), then `use_takes` swaps in the takes that pass."""
from .status import Assessment, SegmentStatus, TakeState
from .use import assess_take, assess_takes, use_takes

__all__ = ["Assessment", "SegmentStatus", "TakeState", "assess_take", "assess_takes", "use_takes"]
