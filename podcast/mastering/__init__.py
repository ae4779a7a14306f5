"""Mastering: voiced segments -> a levelled MP3 with ID3 tags and chapters."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import EpisodeMeta, Show
from ..scripting import Script
from ..voicing import SegmentAudio
from .encode import encode_mp3
from .loudness import master_loudness
from .mix import levelled, stitch
from .tags import EpisodeTags, mp3_length_s, write_tags
from .timeline import Chapter, Placement, chapters_of, check_chapters, lay_out

__all__ = ["Chapter", "MasteredEpisode", "Placement", "master_episode"]


@dataclass(frozen=True)
class MasteredEpisode:
    mp3: Path
    duration_s: float
    chapters: list[Chapter]
    placements: list[Placement]
    sidecars: dict[str, Path] = field(default_factory=dict)
    """Files published beside the MP3, by kind (e.g. "chapters" JSON, "vtt", "srt", "transcript" JSON);
    publishing copies each into the site and the feed links them by kind."""


def master_episode(script: Script, audios: list[SegmentAudio], show: Show, meta: EpisodeMeta,
                   mp3_path: Path, description: str) -> MasteredEpisode:
    """Level, stitch and encode the episode to mp3_path, then tag it with its chapters."""
    rate = show.mp3_sample_rate_hz
    signals = [levelled(a, rate, show.loudness_lufs) for a in audios]
    placements = lay_out(list(script.segments), [len(s) / rate for s in signals])
    track = master_loudness(stitch(placements, signals, rate), rate, show.loudness_lufs, show.true_peak_dbtp)
    encode_mp3(track, rate, mp3_path, show.mp3_bitrate_kbps)
    duration_s = mp3_length_s(mp3_path)
    chapters = chapters_of(placements, duration_s)
    check_chapters(chapters, duration_s)
    tags = EpisodeTags(title=meta.title, artist=show.author, album=show.title, date=meta.date.isoformat(),
                       track=meta.number, comment=description)
    write_tags(mp3_path, tags, chapters)
    return MasteredEpisode(mp3_path, duration_s, chapters, placements)
