"""Mastering one episode: its segments' audio laid out in pieces (timeline.py), each levelled and encoded or taken
from the piece cache (pieces.py), joined into the MP3 and the Opus alternate, tagged with the chapters and artwork,
and the sidecars written beside them; where each segment and sentence is heard comes from the pieces."""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..artwork import Artwork, show_artwork
from ..audio import SegmentAudio, Source, resample
from ..config import EpisodeMeta, Show
from ..errors import PodcastError
from ..scripting import Script, Segment
from .cues import Cue, heard_span
from .encode import ENCODER_DELAY_SAMPLES, Mp3Settings, count_frames, join_pieces
from .envelope import episode_envelope, rms_envelope
from .loudness import gain_of, level_piece, level_steps
from .music import decoded, music_clips
from .opus import (FRAME_SAMPLES, OPUS_RATE_HZ, OggChapter, OpusSettings, frames_per_piece, join_opus_pieces, lead_samples, opus_length_s,
                   piece_starts_s, pre_skip, write_opus_tags)
from .pieces import EncodedPiece, PieceEncoder, StepsCache, mp3_format, opus_format, samples_digest
from .sidecars import write_sidecars
from .tags import EpisodeTags, mp3_length_s, write_tags
from .timeline import (Chapter, PiecePlan, Placement, chapter_runs, chapters_of, check_chapters, cut_offsets,
                       plan_piece, split_plan)

@dataclass(frozen=True)
class Selection:
    """Some of an episode's chapters, by chapter_index, published as an episode of another feed ([feeds.NAME]):
    their pieces joined as encoded, so nothing is levelled or encoded for it. Empty: no episode."""

    name: str
    album: str
    """The feed's title, for the tags."""
    chapters: frozenset[int]


@dataclass(frozen=True)
class MasteringJob:
    """Everything mastering one episode needs, and nothing more: it travels to a worker process (it pickles)."""

    script: Script
    audios: list[SegmentAudio]
    """One per segment of the script, in its order."""
    show: Show
    meta: EpisodeMeta
    mp3_path: Path
    """Where the MP3 is written; the Opus alternate and the sidecars go beside it."""
    description: str
    """The episode's short description (the MP3's comment tag)."""
    piece_cache: Path | None = None
    """A folder keeping each piece's encoded frames, so a rebuild levels and encodes only the pieces whose sound
    changed (None: keep nothing)."""
    steps_cache: Path | None = None
    """A folder keeping each segment's loudness steps (None: keep nothing)."""
    selections: tuple[Selection, ...] = ()
    """Episodes of other feeds ([feeds.NAME]) joined from some of the chapters' pieces."""


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
    pieces: int = 0
    """The pieces the episode was encoded in (PIECE_SENTENCES sentences at most each; a chapter starts a piece)."""
    pieces_encoded: int = 0
    """Pieces levelled and encoded in this run; the others came from the piece cache."""
    opus: Path | None = None
    """The Ogg Opus alternate beside the MP3 (None when the show turns it off)."""
    opus_duration_s: float = 0.0
    opus_chapter_starts_s: list[float] = field(default_factory=list)
    """Where each chapter starts in the Opus file (within 10 ms of the MP3's)."""
    encode_s: dict[str, float] = field(default_factory=dict)
    """Seconds spent encoding each format ("mp3", "opus") in this run, summed over the pieces encoded."""
    envelope: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """RMS of each 1/ENVELOPE_HZ window of the episode as heard, from its pieces' (the review page's waveform)."""
    selections: dict[str, MasteredEpisode] = field(default_factory=dict)
    """By name, the episode of each of the job's selections that has one (its files in a folder of that name)."""


CUT_SILENCE_DBFS = -60.0
"""A segment is cut between its sentences only where its samples stay under this peak for CUT_WINDOW_S on either
side of every cut: pieces are encoded on their own and joined, and a join must fall in silence. TTS sentences
start and end in digital silence; a narrator's take, whose sentence timings are estimates, is seldom cut."""
CUT_WINDOW_S = 0.01


def sentences_to_cut(audio: SegmentAudio) -> int:
    """How many sentences the segment may be cut between (timeline.split_plan): all of them when every sentence
    has sound, each starts after the one before inside the samples, and the sound is silent around each start;
    else 0 (it stays whole)."""
    rate, samples = audio.sample_rate, audio.samples
    bounds = [(round(t.start_s * rate), round(t.end_s * rate)) for t in audio.sentences]
    starts = [start for start, _ in bounds[1:]]
    if len(bounds) < 2 or any(end <= start for start, end in bounds) or starts != sorted(starts) \
            or not 0 < starts[0] <= starts[-1] < len(samples):
        return 0
    window, limit = round(CUT_WINDOW_S * rate), 10 ** (CUT_SILENCE_DBFS / 20)
    if any(np.max(np.abs(samples[max(0, at - window):at + window])) >= limit for at in starts):
        return 0
    return len(bounds)


def cut_bounds(audio: SegmentAudio, sentences: range | None) -> tuple[int, int]:
    """Where a cut of a segment begins and ends in its samples: all of them, or from its first sentence's start
    to the next cut's (from the very start, or to the very end, for the segment's first or last sentence): the
    cuts of a segment hold every sample of it, whatever lies between its sentences' timings."""
    if sentences is None:
        return 0, len(audio.samples)
    rate, timings = audio.sample_rate, audio.sentences
    begin = 0 if sentences.start == 0 else round(timings[sentences.start].start_s * rate)
    end = len(audio.samples) if sentences.stop == len(timings) else round(timings[sentences.stop].start_s * rate)
    return begin, end


def _cut_sound(audio: SegmentAudio, sentences: range | None) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """A cut's samples and where each of its sentences starts and ends within them, in seconds counted from
    whole samples (so a cut whose sound is unchanged has the same timings wherever its segment moved it)."""
    begin, end = cut_bounds(audio, sentences)
    held = audio.sentences if sentences is None else audio.sentences[sentences.start:sentences.stop]
    rate = audio.sample_rate
    return audio.samples[begin:end], [((round(t.start_s * rate) - begin) / rate, (round(t.end_s * rate) - begin) / rate)
                                      for t in held]


def _piece_identity(plan: PiecePlan, rate: int, audios: list[SegmentAudio], steps: list[int], clips: dict[str, Path],
                    show: Show) -> list[str]:
    """Everything that shapes a piece, as strings for its cache key (not the words: a text fix that leaves the
    sound alone keeps the piece)."""
    layout = [[c.pause_before_s, None if c.segment is None else steps[c.segment], c.music] for c in plan.cuts]
    identity = [json.dumps([layout, plan.tail_s, rate, show.loudness_lufs, show.true_peak_dbtp, show.music.level_lu])]
    for cut in plan.cuts:
        if cut.segment is not None:
            samples, spans = _cut_sound(audios[cut.segment], cut.sentences)
            identity.append(json.dumps([samples_digest(samples), audios[cut.segment].sample_rate, spans]))
        else:
            identity.append(hashlib.sha256(clips[cut.music].read_bytes()).hexdigest())
    return identity


def _piece(plan: PiecePlan, first: bool, rate: int, audios: list[SegmentAudio], steps: list[int],
           clips: dict[str, Path], show: Show, encoder: PieceEncoder) -> dict[str, Future]:
    """One piece's EncodedPiece per format (futures): from the cache when nothing that shapes it changed, else
    laid out, levelled and limited here once, and encoded in the background. steps: each segment's gain
    (level_steps of all its sound)."""
    def level() -> tuple[np.ndarray, EncodedPiece]:
        sounds = [_cut_sound(audios[c.segment], c.sentences) if c.segment is not None else None for c in plan.cuts]
        signals = [resample(sound[0], audios[c.segment].sample_rate, rate) if sound is not None
                   else decoded(clips[c.music], rate) for c, sound in zip(plan.cuts, sounds)]
        gains = [gain_of(steps[c.segment]) if c.segment is not None
                 else gain_of(level_steps(signal, rate, show.loudness_lufs + show.music.level_lu))
                 for c, signal in zip(plan.cuts, signals)]
        offsets, length = cut_offsets(plan, [len(s) for s in signals], rate)
        samples = level_piece(signals, gains, offsets, length, rate, show.true_peak_dbtp)
        held = [(offset, sound[1]) for offset, sound in zip(offsets, sounds) if sound is not None]
        spans = [[heard_span(samples, rate, offset / rate + a, offset / rate + b) for a, b in timings]
                 for offset, timings in held]
        return samples, EncodedPiece(b"", rate, [offset for offset, _ in held], spans,
                                     envelope=tuple(rms_envelope(samples, rate)))

    segment = next((c.segment for c in plan.cuts if c.segment is not None), None)
    what = "a piece of music" if segment is None else f"a piece of segment {audios[segment].segment_id}"
    return encoder.piece(_piece_identity(plan, rate, audios, steps, clips, show), first, level, what)


def speaker_of(audio: SegmentAudio, show: Show) -> str:
    """Whom a transcript says speaks a segment's sentences: the narrator for their take, the synthetic voice
    (podcast.toml [disclosure] speaker) for TTS, never a person (an opinion's text says whose it is)."""
    return show.narrator_name if audio.source == Source.NARRATOR else show.disclosure.speaker


def _heard(segments: list[Segment], audios: list[SegmentAudio], plans: list[PiecePlan], pieces: list[EncodedPiece],
           starts_s: list[float], rate: int, show: Show) -> tuple[list[Placement], list[Cue]]:
    """Where each segment and each sentence is heard in the episode: its pieces' starts, the encoder's delay,
    and its place in each piece; each cue names who speaks it (speaker_of)."""
    begins: dict[int, float] = {}
    ends: dict[int, float] = {}
    spans: dict[int, list[tuple[float, float]]] = {}
    for plan, piece, start_s in zip(plans, pieces, starts_s):
        heard_from_s = start_s + ENCODER_DELAY_SAMPLES / rate
        cuts = [c for c in plan.cuts if c.segment is not None]
        for cut, offset, heard in zip(cuts, piece.segment_offsets, piece.sentence_spans):
            audio = audios[cut.segment]
            begin, end = cut_bounds(audio, cut.sentences)
            at_s = heard_from_s + offset / piece.sample_rate
            begins.setdefault(cut.segment, at_s)
            ends[cut.segment] = at_s + (end - begin) / audio.sample_rate
            spans.setdefault(cut.segment, []).extend((heard_from_s + a, heard_from_s + b) for a, b in heard)
    placements, cues = [], []
    for i in sorted(begins):  # every segment of the episode; those of the chosen chapters in a selection's
        segment, audio = segments[i], audios[i]
        placement = Placement(segment, begins[i], ends[i] - begins[i])
        placements.append(placement)
        speaker = speaker_of(audio, show)
        if audio.sentences:
            cues += [Cue(speaker, a, b, s.text) for s, (a, b) in zip(audio.sentences, spans[i])]
        else:
            cues.append(Cue(speaker, placement.start_s, placement.end_s, segment.text))
    return placements, cues


def master_episode(job: MasteringJob) -> MasteredEpisode:
    """Level and encode the episode piece by piece into the job's mp3_path (and the Opus alternate beside it),
    tag it with its chapters and artwork, and write the sidecars beside it; then each of the job's selections,
    joined from the same pieces, into a folder of its name beside it."""
    audios, show, meta, mp3_path = job.audios, job.show, job.meta, job.mp3_path
    segments = list(job.script.segments)
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
    clips = music_clips(show.music)
    sentences = {i: sentences_to_cut(audio) for i, audio in enumerate(audios)}
    chapter_plans = [split_plan(plan_piece(run, k == 0, k == len(runs) - 1, set(clips)), sentences)
                     for k, run in enumerate(runs)]
    plans = [plan for chapter in chapter_plans for plan in chapter]
    rates = [max(audios[i].sample_rate for i in run) for run, chapter in zip(runs, chapter_plans) for _ in chapter]
    measured = StepsCache(job.steps_cache)
    steps = [measured.steps(audio.samples, audio.sample_rate, show.loudness_lufs) for audio in audios]
    with PieceEncoder(job.piece_cache, formats) as encoder:
        futures = [_piece(plan, k == 0, rate, audios, steps, clips, show, encoder)
                   for k, (plan, rate) in enumerate(zip(plans, rates))]
        pieces: list[EncodedPiece] = [f["mp3"].result() for f in futures]
        opus_pieces: list[EncodedPiece] = [f["opus"].result() for f in futures] if opus else []

    firsts = [sum(len(c) for c in chapter_plans[:k]) for k in range(len(runs) + 1)]
    by_chapter = [range(firsts[k], firsts[k + 1]) for k in range(len(runs))]
    tags = EpisodeTags(title=meta.title, artist=show.author, album=show.title, date=meta.date.isoformat(),
                       track=meta.number, comment=job.description)
    joined = _Joined(segments, audios, runs, plans, pieces, opus_pieces, opus, settings.sample_rate_hz, show, artwork)
    mastered = joined.episode(list(range(len(runs))), by_chapter, mp3_path, tags)
    mastered = replace(mastered, pieces=len(plans), pieces_encoded=encoder.encoded, encode_s=dict(encoder.encoded_s))
    selections = {}
    for selection in job.selections:
        chosen = [k for k, run in enumerate(runs) if segments[run.start].chapter_index in selection.chapters]
        if chosen:
            folder = mp3_path.parent / selection.name
            folder.mkdir(exist_ok=True)
            selections[selection.name] = joined.episode(chosen, by_chapter, folder / mp3_path.name,
                                                        replace(tags, album=selection.album))
    return replace(mastered, selections=selections)


@dataclass(frozen=True)
class _Joined:
    """An episode's encoded pieces, ready to be joined (all of them, or the pieces of some of its chapters)."""

    segments: list[Segment]
    audios: list[SegmentAudio]
    runs: list[range]
    plans: list[PiecePlan]
    pieces: list[EncodedPiece]
    opus_pieces: list[EncodedPiece]
    opus: OpusSettings | None
    rate: int
    show: Show
    artwork: Artwork | None

    def episode(self, chosen: list[int], by_chapter: list[range], mp3_path: Path, tags: EpisodeTags) -> MasteredEpisode:
        """The chosen chapters' pieces joined into mp3_path (the frames as encoded) and the Opus beside it, tagged,
        with their sidecars: the chapters and the transcript as heard in this file."""
        indices = [i for k in chosen for i in by_chapter[k]]
        pieces = [self.pieces[i] for i in indices]
        plans = [self.plans[i] for i in indices]
        runs = [self.runs[k] for k in chosen]
        rate = self.rate
        starts_samples = [0]
        for n, per_frame in (count_frames(p.frames) for p in pieces):
            starts_samples.append(starts_samples[-1] + n * per_frame)
        starts_s, length_s = [s / rate for s in starts_samples[:-1]], starts_samples[-1] / rate
        firsts = [sum(len(by_chapter[c]) for c in chosen[:k]) for k in range(len(chosen))]
        opus_path = mp3_path.with_suffix(".opus")
        opus_pieces = [self.opus_pieces[i] for i in indices] if self.opus else []
        with ThreadPoolExecutor(max_workers=1) as aside:  # the Opus join (its own ffmpeg) while the MP3 is joined and tagged
            opus_join = (aside.submit(_join_opus, opus_pieces, self.opus, starts_s, length_s, opus_path)
                         if self.opus else None)
            join_pieces([p.frames for p in pieces], mp3_path)
            duration_s = mp3_length_s(mp3_path)
            if abs(duration_s - length_s) > 1e-3:
                raise PodcastError(f"{mp3_path}: joined MP3 lasts {duration_s:.3f} s, its pieces {length_s:.3f} s")
            chapters = chapters_of(self.segments, runs, [starts_s[k] for k in firsts], duration_s)
            check_chapters(chapters, duration_s)

            placements, cues = _heard(self.segments, self.audios, plans, pieces, starts_s, rate, self.show)

            write_tags(mp3_path, tags, chapters, self.artwork)
            sidecars = write_sidecars(mp3_path.parent, chapters, cues)
            envelope = episode_envelope([p.envelope for p in pieces],
                                        [s + ENCODER_DELAY_SAMPLES / rate for s in starts_s], duration_s)
            mastered = MasteredEpisode(mp3_path, duration_s, chapters, placements, sidecars, envelope=envelope)
            if opus_join is None:
                return mastered
            opus_duration_s, opus_piece_starts_s = opus_join.result()
        opus_starts_s = [opus_piece_starts_s[k] for k in firsts]
        write_opus_tags(opus_path, tags.title, tags.artist, tags.album, tags.date, tags.track, tags.comment,
                        [OggChapter(c.title, c.url, s) for c, s in zip(chapters, opus_starts_s)])
        return replace(mastered, opus=opus_path, opus_duration_s=opus_duration_s, opus_chapter_starts_s=opus_starts_s)


def _join_opus(pieces: list[EncodedPiece], settings: OpusSettings, starts_s: list[float], duration_s: float,
               path: Path) -> tuple[float, list[float]]:
    """Join the Opus pieces on the 20 ms grid nearest the MP3's piece starts; (its length, its piece starts).
    A piece too short for its span (which PAD_FRAMES rules out) would leave the file short: an error."""
    skip = pre_skip(pieces[0].frames)
    counts = frames_per_piece(starts_s, duration_s, settings.lead_samples, skip)
    join_opus_pieces([p.frames for p in pieces], counts, path)
    length_s = opus_length_s(path)
    expected_s = (sum(counts) * FRAME_SAMPLES - skip) / OPUS_RATE_HZ
    if abs(length_s - expected_s) > 1e-3:
        raise PodcastError(f"{path}: joined Opus lasts {length_s:.3f} s, its pieces {expected_s:.3f} s")
    return length_s, piece_starts_s(counts, settings.lead_samples)
