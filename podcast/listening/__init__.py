"""The listening check: every segment as listeners will hear it (TTS or the narrator's take), heard by Whisper
and compared with its text; the words heard differently are its findings (check.py); an episode's word error rate
per chapter, from the check (episode_wer.py)."""
from .check import Finding, ListeningReport, SegmentCheck, check_segment, listen, stored_checks
from .episode_wer import ChapterRate, EpisodeRates, episode_rates

__all__ = ["ChapterRate", "EpisodeRates", "Finding", "ListeningReport", "SegmentCheck", "check_segment", "episode_rates",
           "listen", "stored_checks"]
