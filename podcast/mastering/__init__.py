"""Mastering: voiced segments -> a levelled MP3 with ID3 tags, chapters, artwork, and its sidecars (JSON
chapters, WebVTT and SRT captions, JSON transcript), built chapter by chapter so a rebuild re-encodes only the
chapters whose sound changed."""
from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ..config import EpisodeMeta, Show
from ..errors import PodcastError
from ..scripting import Script, Segment
from ..voicing import SegmentAudio
from .artwork import Artwork, show_artwork
from .cues import Cue, heard_span
from .encode import ENCODER_DELAY_SAMPLES, Mp3Settings, count_frames, join_pieces
from .loudness import level_piece, sample_peak_ceiling_db
from .mix import resample
from .music import decoded, music_clips
from .pieces import PieceCache, PieceEncoder
from .sidecars import write_sidecars
from .tags import EpisodeTags, mp3_length_s, write_tags
from .timeline import Chapter, Placement, chapter_runs, chapters_of, check_chapters, cut_offsets, plan_piece

__all__ = ["Artwork", "Chapter", "MasteredEpisode", "Placement", "master_episode", "show_artwork"]


@dataclass(frozen=True)
class MasteredEpisode:
    mp3: Path
    duration_s: float
    chapters: list[Chapter]
    placements: list[Placement]
    sidecars: dict[str, Path] = field(default_factory=dict)
    """Files published beside the MP3, by kind: "chapters" (Podcasting 2.0 JSON chapters), "vtt" (WebVTT),
    "srt" (SRT), "transcript" (Podcasting 2.0 JSON transcript); publishing copies each into the site and the
    feed links them by kind."""
    pieces_encoded: int = 0
    """Chapters encoded in this run; the others' MP3 frames came from the piece cache."""


@dataclass(frozen=True)
class _Piece:
    """A chapter levelled at its working rate: where its segments and their sentences are, and its frames."""

    sample_rate: int
    segment_offsets: dict[int, int]
    """Sample offset in the piece of each segment, by index in the script."""
    sentence_spans: dict[int, list[tuple[float, float]]]
    """Where each sentence of a segment is heard, in seconds from the piece's start."""
    frames: Future


def _level_chapter(run: range, first: bool, last: bool, audios: list[SegmentAudio], show: Show,
                   encoder: PieceEncoder) -> _Piece:
    """Lay out, level and limit one chapter, and hand it to the encoder."""
    rate = max(audios[i].sample_rate for i in run)
    clips = music_clips(show.music)
    plan = plan_piece(run, first, last, set(clips))
    signals = [resample(audios[c.segment].samples, audios[c.segment].sample_rate, rate) if c.segment is not None
               else decoded(clips[c.music], rate) for c in plan.cuts]
    targets = [show.loudness_lufs + (0.0 if c.segment is not None else show.music.level_lu) for c in plan.cuts]
    offsets, length = cut_offsets(plan, [len(s) for s in signals], rate)
    samples = level_piece(signals, targets, offsets, length, rate, show.true_peak_dbtp)
    frames = encoder.submit(samples, rate)
    at = {c.segment: offset for c, offset in zip(plan.cuts, offsets) if c.segment is not None}
    spans = {i: [heard_span(samples, rate, at[i] / rate + s.start_s, at[i] / rate + s.end_s)
                 for s in audios[i].sentences] for i in run}
    return _Piece(rate, at, spans, frames)


def speaker_of(segment: Segment, audio: SegmentAudio) -> str:
    """The narrator for a narrator's take, else the voice role that spoke it."""
    role = "narrator" if audio.source == "narrator" else segment.voice
    return role.replace("-", " ").replace("_", " ").title()


def master_episode(script: Script, audios: list[SegmentAudio], show: Show, meta: EpisodeMeta, mp3_path: Path,
                   description: str, piece_cache: Path | None = None) -> MasteredEpisode:
    """Level and encode the episode chapter by chapter into mp3_path, tag it with its chapters and artwork, and
    write the sidecars beside it. piece_cache is a folder keeping each chapter's encoded frames, so a rebuild
    re-encodes only the chapters whose levelled sound changed (None: keep nothing)."""
    segments = list(script.segments)
    if len(audios) != len(segments):
        raise PodcastError(f"{len(segments)} segments but {len(audios)} voiced ones")
    runs = chapter_runs(segments)
    if not runs:
        raise PodcastError("the episode has no chapters")
    artwork = show_artwork(show.artwork, show.title)
    settings = Mp3Settings(show.mp3_bitrate_kbps, show.mp3_sample_rate_hz, sample_peak_ceiling_db(show.true_peak_dbtp))
    with PieceEncoder(PieceCache(piece_cache), settings) as encoder:
        pieces = [_level_chapter(run, k == 0, k == len(runs) - 1, audios, show, encoder)
                  for k, run in enumerate(runs)]
        frames = [p.frames.result() for p in pieces]
    join_pieces(frames, mp3_path)

    rate = settings.sample_rate_hz
    counts = [count_frames(f) for f in frames]
    starts_samples = [0]
    for n, per_frame in counts:
        starts_samples.append(starts_samples[-1] + n * per_frame)
    duration_s = mp3_length_s(mp3_path)
    if abs(duration_s - starts_samples[-1] / rate) > 1e-3:
        raise PodcastError(f"{mp3_path}: joined MP3 lasts {duration_s:.3f} s, its pieces {starts_samples[-1] / rate:.3f} s")
    starts_s = [s / rate for s in starts_samples[:-1]]
    chapters = chapters_of(segments, runs, starts_s, duration_s)
    check_chapters(chapters, duration_s)

    placements, cues = [], []
    for run, piece, start_s in zip(runs, pieces, starts_s):
        heard_from_s = start_s + ENCODER_DELAY_SAMPLES / rate
        for i in run:
            audio, segment = audios[i], segments[i]
            placement = Placement(segment, heard_from_s + piece.segment_offsets[i] / piece.sample_rate,
                                  audio.duration_s)
            placements.append(placement)
            speaker = speaker_of(segment, audio)
            if audio.sentences:
                cues += [Cue(speaker, heard_from_s + a, heard_from_s + b, s.text)
                         for s, (a, b) in zip(audio.sentences, piece.sentence_spans[i])]
            else:
                cues.append(Cue(speaker, placement.start_s, placement.end_s, segment.text))

    tags = EpisodeTags(title=meta.title, artist=show.author, album=show.title, date=meta.date.isoformat(),
                       track=meta.number, comment=description)
    write_tags(mp3_path, tags, chapters, artwork)
    sidecars = write_sidecars(mp3_path.parent, chapters, cues)
    return MasteredEpisode(mp3_path, duration_s, chapters, placements, sidecars, encoder.encoded)
