"""Scripting: Issue -> Script of spoken segments, with the text rewritten for the ear."""
from .segment import Script, Segment, SegmentKind
from .writer import episode_subtitle, write_script

__all__ = ["Script", "Segment", "episode_subtitle", "write_script"]
