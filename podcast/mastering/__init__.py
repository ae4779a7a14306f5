"""Mastering: voiced segments -> a levelled MP3 with ID3 tags, chapters, artwork, and its sidecars (JSON
chapters, WebVTT and SRT captions, JSON transcript), built chapter by chapter so a rebuild re-encodes only the
chapters whose sound changed."""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..artwork import show_artwork
from ..audio import SegmentAudio, resample
from ..config import EpisodeMeta, Show
from ..errors import PodcastError
from ..scripting import Script, Segment
from .cues import Cue, heard_span
from .encode import ENCODER_DELAY_SAMPLES, Mp3Settings, count_frames, join_pieces
from .loudness import level_piece
from .music import decoded, music_clips
from .pieces import EncodedPiece, PieceCache, PieceEncoder, piece_key, samples_digest
from .sidecars import write_sidecars
from .tags import EpisodeTags, mp3_length_s, write_tags
from .timeline import (Chapter, PiecePlan, Placement, chapter_runs, chapters_of, check_chapters, cut_offsets,
                       plan_piece)

__all__ = ["Chapter", "MasteredEpisode", "Placement", "master_episode"]


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
    """Chapters levelled and encoded in this run; the others came from the piece cache."""


def _piece_identity(plan: PiecePlan, run: range, rate: int, audios: list[SegmentAudio], clips: dict[str, Path],
                    show: Show) -> list[str]:
    """Everything that shapes a chapter's piece, as strings for its cache key (not the words: a text fix
    that leaves the sound alone keeps the piece)."""
    layout = [[c.pause_before_s, None if c.segment is None else c.segment - run.start, c.music] for c in plan.cuts]
    identity = [json.dumps([layout, plan.tail_s, rate, show.loudness_lufs, show.true_peak_dbtp, show.music.level_lu])]
    for cut in plan.cuts:
        if cut.segment is not None:
            audio = audios[cut.segment]
            identity.append(json.dumps([samples_digest(audio.samples), audio.sample_rate,
                                        [[t.start_s, t.end_s] for t in audio.sentences]]))
        else:
            identity.append(hashlib.sha256(clips[cut.music].read_bytes()).hexdigest())
    return identity


def _chapter_piece(run: range, first: bool, last: bool, audios: list[SegmentAudio], show: Show,
                   encoder: PieceEncoder) -> Future:
    """One chapter's EncodedPiece (future): from the cache when nothing that shapes it changed, else laid out,
    levelled and limited here, and encoded in the background."""
    clips = music_clips(show.music)
    plan = plan_piece(run, first, last, set(clips))
    rate = max(audios[i].sample_rate for i in run)

    def level() -> tuple[np.ndarray, EncodedPiece]:
        signals = [resample(audios[c.segment].samples, audios[c.segment].sample_rate, rate)
                   if c.segment is not None else decoded(clips[c.music], rate) for c in plan.cuts]
        targets = [show.loudness_lufs + (0.0 if c.segment is not None else show.music.level_lu) for c in plan.cuts]
        offsets, length = cut_offsets(plan, [len(s) for s in signals], rate)
        samples = level_piece(signals, targets, offsets, length, rate, show.true_peak_dbtp)
        at = [offset for c, offset in zip(plan.cuts, offsets) if c.segment is not None]
        spans = [[heard_span(samples, rate, offset / rate + s.start_s, offset / rate + s.end_s)
                  for s in audios[i].sentences] for i, offset in zip(run, at)]
        return samples, EncodedPiece(b"", rate, at, spans)

    return encoder.piece(piece_key(_piece_identity(plan, run, rate, audios, clips, show), encoder.settings), level,
                         f"the chapter of segment {audios[run.start].segment_id}")


def _heard(segments: list[Segment], audios: list[SegmentAudio], runs: list[range], pieces: list[EncodedPiece],
           starts_s: list[float], rate: int, narrator: str) -> tuple[list[Placement], list[Cue]]:
    """Where each segment and each sentence is heard in the episode: its piece's start, the encoder's delay, and
    its place in the piece. A cue's speaker is the person whose words it holds (an opinion's holder, else the
    narrator), whether TTS or the narrator's take voices them."""
    placements, cues = [], []
    for run, piece, start_s in zip(runs, pieces, starts_s):
        heard_from_s = start_s + ENCODER_DELAY_SAMPLES / rate
        for i, offset, spans in zip(run, piece.segment_offsets, piece.sentence_spans):
            audio, segment = audios[i], segments[i]
            placement = Placement(segment, heard_from_s + offset / piece.sample_rate, audio.duration_s)
            placements.append(placement)
            speaker = segment.speaker or narrator
            if audio.sentences:
                cues += [Cue(speaker, heard_from_s + a, heard_from_s + b, s.text)
                         for s, (a, b) in zip(audio.sentences, spans)]
            else:
                cues.append(Cue(speaker, placement.start_s, placement.end_s, segment.text))
    return placements, cues


def master_episode(script: Script, audios: list[SegmentAudio], show: Show, meta: EpisodeMeta, mp3_path: Path,
                   description: str, piece_cache: Path | None = None) -> MasteredEpisode:
    """Level and encode the episode chapter by chapter into mp3_path, tag it with its chapters and artwork, and
    write the sidecars beside it. piece_cache is a folder keeping each chapter's encoded frames, so a rebuild
    levels and encodes only the chapters whose sound changed (None: keep nothing)."""
    segments = list(script.segments)
    if len(audios) != len(segments):
        raise PodcastError(f"{len(segments)} segments but {len(audios)} voiced ones")
    runs = chapter_runs(segments)
    if not runs:
        raise PodcastError("the episode has no chapters")
    artwork = show_artwork(show.artwork, show.title)
    settings = Mp3Settings(show.mp3_bitrate_kbps, show.mp3_sample_rate_hz, show.true_peak_dbtp)
    with PieceEncoder(PieceCache(piece_cache), settings) as encoder:
        futures = [_chapter_piece(run, k == 0, k == len(runs) - 1, audios, show, encoder)
                   for k, run in enumerate(runs)]
        pieces: list[EncodedPiece] = [f.result() for f in futures]
    join_pieces([p.frames for p in pieces], mp3_path)

    rate = settings.sample_rate_hz
    counts = [count_frames(p.frames) for p in pieces]
    starts_samples = [0]
    for n, per_frame in counts:
        starts_samples.append(starts_samples[-1] + n * per_frame)
    duration_s = mp3_length_s(mp3_path)
    if abs(duration_s - starts_samples[-1] / rate) > 1e-3:
        raise PodcastError(f"{mp3_path}: joined MP3 lasts {duration_s:.3f} s, its pieces {starts_samples[-1] / rate:.3f} s")
    starts_s = [s / rate for s in starts_samples[:-1]]
    chapters = chapters_of(segments, runs, starts_s, duration_s)
    check_chapters(chapters, duration_s)

    placements, cues = _heard(segments, audios, runs, pieces, starts_s, rate, show.narrator_name)

    tags = EpisodeTags(title=meta.title, artist=show.author, album=show.title, date=meta.date.isoformat(),
                       track=meta.number, comment=description)
    write_tags(mp3_path, tags, chapters, artwork)
    sidecars = write_sidecars(mp3_path.parent, chapters, cues)
    return MasteredEpisode(mp3_path, duration_s, chapters, placements, sidecars, encoder.encoded)
