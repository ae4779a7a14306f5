"""Mastering: voiced segments -> a levelled MP3 with ID3 tags, chapters, artwork, and its sidecars (JSON
chapters, WebVTT and SRT captions, JSON transcript), plus the same sound as Ogg Opus (the feed's alternate
enclosure) with the same chapters, built chapter by chapter so a rebuild re-encodes only the chapters whose
sound changed."""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..artwork import show_artwork
from ..audio import SegmentAudio, resample
from ..config import EpisodeMeta, Show
from ..errors import PodcastError
from ..scripting import Script, Segment
from .cues import Cue, heard_span
from .encode import ENCODER_DELAY_SAMPLES, Mp3Settings, count_frames, join_pieces
from .envelope import episode_envelope, rms_envelope
from .loudness import level_piece
from .music import decoded, music_clips
from .opus import (FRAME_SAMPLES, OPUS_RATE_HZ, OggChapter, OpusSettings, frames_per_piece, join_opus_pieces, lead_samples, opus_length_s,
                   piece_starts_s, pre_skip, write_opus_tags)
from .pieces import EncodedPiece, PieceEncoder, mp3_format, opus_format, samples_digest
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
    opus: Path | None = None
    """The Ogg Opus alternate beside the MP3 (None when the show turns it off)."""
    opus_duration_s: float = 0.0
    opus_chapter_starts_s: list[float] = field(default_factory=list)
    """Where each chapter starts in the Opus file (within 10 ms of the MP3's)."""
    encode_s: dict[str, float] = field(default_factory=dict)
    """Seconds spent encoding each format ("mp3", "opus") in this run, summed over the pieces encoded."""
    envelope: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """RMS of each 1/ENVELOPE_HZ window of the episode as heard, from its pieces' (the review page's waveform)."""


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
                   encoder: PieceEncoder) -> dict[str, Future]:
    """One chapter's EncodedPiece per format (futures): from the cache when nothing that shapes it changed,
    else laid out, levelled and limited here once, and encoded in the background."""
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
        return samples, EncodedPiece(b"", rate, at, spans, envelope=tuple(rms_envelope(samples, rate)))

    return encoder.piece(_piece_identity(plan, run, rate, audios, clips, show), first, level,
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
    opus = (OpusSettings(show.opus_bitrate_kbps, show.true_peak_dbtp,
                         lead_samples(ENCODER_DELAY_SAMPLES, settings.sample_rate_hz)) if show.opus_enabled else None)
    formats = [mp3_format(settings)] + ([opus_format(opus)] if opus else [])
    with PieceEncoder(piece_cache, formats) as encoder:
        futures = [_chapter_piece(run, k == 0, k == len(runs) - 1, audios, show, encoder)
                   for k, run in enumerate(runs)]
        pieces: list[EncodedPiece] = [f["mp3"].result() for f in futures]
        opus_pieces: list[EncodedPiece] = [f["opus"].result() for f in futures] if opus else []
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
    envelope = episode_envelope([p.envelope for p in pieces],
                                [s + ENCODER_DELAY_SAMPLES / rate for s in starts_s], duration_s)
    mastered = MasteredEpisode(mp3_path, duration_s, chapters, placements, sidecars, encoder.encoded,
                               encode_s=dict(encoder.encoded_s), envelope=envelope)
    if opus is None:
        return mastered
    opus_path = mp3_path.with_suffix(".opus")
    opus_duration_s, opus_starts_s = _join_opus(opus_pieces, opus, starts_s, duration_s, opus_path)
    write_opus_tags(opus_path, tags.title, tags.artist, tags.album, tags.date, tags.track, tags.comment,
                    [OggChapter(c.title, c.url, s) for c, s in zip(chapters, opus_starts_s)])
    return replace(mastered, opus=opus_path, opus_duration_s=opus_duration_s, opus_chapter_starts_s=opus_starts_s)


def _join_opus(pieces: list[EncodedPiece], settings: OpusSettings, starts_s: list[float], duration_s: float,
               path: Path) -> tuple[float, list[float]]:
    """Join the Opus pieces on the 20 ms grid nearest the MP3's chapter starts; (its length, its chapter starts).
    A piece too short for its span (which PAD_FRAMES rules out) would leave the file short: an error."""
    skip = pre_skip(pieces[0].frames)
    counts = frames_per_piece(starts_s, duration_s, settings.lead_samples, skip)
    join_opus_pieces([p.frames for p in pieces], counts, path)
    length_s = opus_length_s(path)
    expected_s = (sum(counts) * FRAME_SAMPLES - skip) / OPUS_RATE_HZ
    if abs(length_s - expected_s) > 1e-3:
        raise PodcastError(f"{path}: joined Opus lasts {length_s:.3f} s, its pieces {expected_s:.3f} s")
    return length_s, piece_starts_s(counts, settings.lead_samples)
