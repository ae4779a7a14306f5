"""Mastering: voiced segments -> a levelled MP3 with ID3 tags, chapters, artwork, and its sidecars (JSON
chapters, WebVTT and SRT captions, JSON transcript), plus the same sound as Ogg Opus (the feed's alternate
enclosure) with the same chapters, built in pieces of a few sentences (a chapter starts a piece) so a rebuild
re-encodes only the pieces whose sound changed."""
from .master import MasteredEpisode, MasteringJob, Selection, master_episode
from .timeline import Chapter, Placement

__all__ = ["Chapter", "MasteredEpisode", "MasteringJob", "Placement", "Selection", "master_episode"]
