"""The listening check: every segment as listeners will hear it (TTS or the narrator's take), heard by Whisper
and compared with its text; the words heard differently are its findings (check.py)."""
from .check import Finding, ListeningReport, SegmentCheck, check_segment, listen, stored_checks

__all__ = ["Finding", "ListeningReport", "SegmentCheck", "check_segment", "listen", "stored_checks"]
