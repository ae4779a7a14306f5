"""Mastering's parts on their own: artwork rules, chapter checks, caption cutting, MP3 frames and the piece
cache, chapters cut into pieces, the [music] table, and music really mixed in (generated tone files) read back
from the decoded MP3."""
import dataclasses
import datetime as dt
import io
import json
import wave
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from mutagen.mp3 import MP3
from PIL import Image
from scipy.signal import resample_poly

from podcast.config import EpisodeMeta, Music, load_show
from podcast.errors import InputError, PodcastError
from podcast.mastering import MasteringJob, master_episode
from podcast.mastering.master import cut_bounds
from podcast.artwork import checked_artwork, generated_artwork, show_artwork
from podcast.mastering.cues import Cue, caption_texts, captions
from podcast.mastering.envelope import ENVELOPE_HZ, episode_envelope, rms_envelope
from podcast.mastering.encode import Mp3Settings, count_frames, decode_piece, encode_piece, join_pieces
from podcast.mastering.pieces import EncodedPiece, PieceCache
from podcast.mastering.timeline import Chapter, Cut, PiecePlan, chapter_runs, chapters_of, check_chapters, split_plan
from podcast.mastering.truepeak import encode_under_ceiling
from podcast.reading import read_text
from podcast.scripting import Script, Segment, write_script
from podcast.audio import SegmentAudio, SentenceTiming

from tests.support.show import REPO
from tests.mastering.test_mastering import RATE, decode, envelope_db


def image_file(path: Path, size: tuple[int, int], mode: str = "RGB", fmt: str = "PNG") -> Path:
    Image.new(mode, size, "navy" if mode != "L" else 80).save(path, format=fmt)
    return path


@pytest.mark.parametrize("size, fmt, mode, side", [(1400, "PNG", "RGB", 1400), (3000, "JPEG", "RGB", 3000),
                                                   (1000, "PNG", "RGBA", 1400), (3200, "JPEG", "CMYK", 3000),
                                                   (2000, "PNG", "P", 2000)])
def test_square_artwork_is_kept_or_made_rgb_and_resized_into_range(tmp_path, size, fmt, mode, side):
    path = image_file(tmp_path / f"art.{fmt.lower()}", (size, size), mode, fmt)
    art = checked_artwork(path)
    image = Image.open(io.BytesIO(art.data))
    assert image.format == fmt and image.mode == "RGB" and image.size == (side, side)
    assert art.mime == f"image/{fmt.lower()}"
    if size == side and mode == "RGB":
        assert art.data == path.read_bytes()


@pytest.mark.parametrize("make, problem", [
    (lambda p: image_file(p, (1600, 1400)), "1600x1400 px, not square"),
    (lambda p: image_file(p, (1500, 1500), fmt="GIF"), "GIF, not PNG or JPEG"),
    (lambda p: (p.write_text("not an image"), p)[1], "not an image"),
])
def test_bad_artwork_is_a_one_line_error_naming_the_file(tmp_path, make, problem):
    path = make(tmp_path / "art.png")
    with pytest.raises(InputError) as error:
        checked_artwork(path)
    assert str(error.value).startswith(str(path)) and problem in str(error.value) and "\n" not in str(error.value)


def test_generated_artwork_when_the_show_has_none(tmp_path):
    art = show_artwork(tmp_path / "missing.png", "Alignment Newsletter Podcast")
    image = Image.open(io.BytesIO(art.data))
    assert art.data == generated_artwork("Alignment Newsletter Podcast") and art.mime == "image/png"
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (1400, 1400)
    assert len(image.getcolors(1 << 16)) > 2, "the title is drawn on the field"


@pytest.mark.parametrize("chapters, problem", [
    ([], "no chapters"),
    ([Chapter("A", None, 0, 10), Chapter("B", None, 9, 20)], "overlaps"),
    ([Chapter("A", None, 0, 10), Chapter("B", None, 10, 31)], "runs past the end"),
    ([Chapter("A", None, 0, 10), Chapter("B", None, 30, 31)], "runs past the end"),
])
def test_bad_chapter_lists_are_errors(chapters, problem):
    with pytest.raises(PodcastError, match=problem):
        check_chapters(chapters, 30.0)
    check_chapters([Chapter("A", None, 0, 10), Chapter("B", None, 10, 30)], 30.0)


def test_two_neighbouring_items_with_the_same_title_are_two_chapters():
    """Segments are grouped into chapters by their chapter's index, not its title."""
    item = "**[A Bound](https://example.org/a)** *(Jane Doe)* (summarized by Rohin): It holds.\n\n"
    issue = read_text(item + item.replace("It holds.", "It holds again."), ".md")
    script = write_script(issue, EpisodeMeta(1, "AN #1: Bounds", dt.date(2020, 1, 1), None, None),
                          load_show(REPO / "podcast.toml"))
    segments = list(script.segments)
    runs = chapter_runs(segments)
    chapters = chapters_of(segments, runs, [0.0, 10.0, 20.0, 30.0], 40.0)
    assert [(c.title, c.start_s) for c in chapters] == [
        ("Opening: Bounds", 0.0), ("A Bound", 10.0), ("A Bound", 20.0), ("Closing", 30.0)]
    assert [[segments[i].chapter_index for i in run] for run in runs] == [[0, 0], [1], [2], [3]]  # intro, statement


def test_an_empty_script_is_an_error_not_a_file(tmp_path):
    show = load_show(REPO / "podcast.toml")
    meta = EpisodeMeta(1, "Empty", dt.date(2020, 1, 1), None, None)
    with pytest.raises(PodcastError, match="no chapters"):
        master_episode(MasteringJob(Script((), ()), [], show, meta, tmp_path / "e.mp3", ""))
    assert not (tmp_path / "e.mp3").exists()


def test_captions_are_two_lines_of_32_characters_and_keep_every_word():
    text = ("Algorithmic efficiency improvements halved the compute needed to reach AlexNet-level performance "
            "every sixteen months, a forty-four-fold decrease between 2012 and 2019.")
    parts = captions(Cue("Narrator", 10.0, 20.0, text))
    assert [p.text for p in parts] == caption_texts(text)
    assert all(len(p.text.split("\n")) <= 2 and all(len(line) <= 32 for line in p.text.split("\n")) for p in parts)
    assert " ".join(p.text.replace("\n", " ") for p in parts) == text
    assert parts[0].start_s == 10.0 and parts[-1].end_s == 20.0
    assert all(a.end_s == b.start_s and a.start_s < a.end_s for a, b in zip(parts, parts[1:]))


def test_frames_are_counted_exactly_joined_unchanged_and_a_broken_cached_piece_is_rebuilt(tmp_path):
    settings = Mp3Settings(64, 44100, -1.0)
    data = encode_piece(np.zeros(44100, np.float32), 44100, settings, -3.0)
    frames, per_frame = count_frames(data)
    assert per_frame == 1152 and 39 <= frames <= 42
    other = encode_piece(np.full(24000, 0.1, np.float32), 24000, settings, -3.0)
    join_pieces([data, other], tmp_path / "joined.mp3")
    joined = (tmp_path / "joined.mp3").read_bytes()
    assert joined.endswith(data + other), "the pieces' frames are copied as they are"
    length_s = MP3(tmp_path / "joined.mp3").info.length
    assert length_s * 44100 == pytest.approx((frames + count_frames(other)[0]) * 1152, abs=1)
    with pytest.raises(ValueError):
        count_frames(data[:-10])
    cache, key = PieceCache(tmp_path / "pieces"), "ab" * 32
    piece = EncodedPiece(data, 24000, [0, 48000], [[(0.1, 1.5)], [(2.1, 2.9), (3.5, 4.0)]], -20.5, -2.5)
    cache.put(key, dataclasses.replace(piece, frames=data[:-10]))
    assert cache.get(key) is None and not any((tmp_path / "pieces").rglob("*.*")), "a broken entry is deleted"
    cache.put(key, piece)
    assert cache.get(key) == piece
    next((tmp_path / "pieces").rglob("*.json")).write_text("{", encoding="utf-8")
    assert cache.get(key) is None


def test_a_chapter_is_cut_into_pieces_of_whole_sentences():
    """Music and a sound not timed by sentence count as one sentence and are never split; the pause before a
    cut opens the piece it starts; only the chapter's last piece keeps its tail."""
    plan = PiecePlan((Cut(0.0, None, "intro"), Cut(0.5, 0), Cut(0.5, 1), Cut(0.5, 2)), 1.2)
    pieces = split_plan(plan, {0: 20, 1: 0, 2: 3}, per_piece=8)
    assert [[(c.segment, c.music, c.sentences, c.pause_before_s) for c in p.cuts] for p in pieces] == [
        [(None, "intro", None, 0.0), (0, None, range(0, 7), 0.5)],
        [(0, None, range(7, 15), 0.0)],
        [(0, None, range(15, 20), 0.0), (1, None, None, 0.5), (2, None, range(0, 2), 0.5)],
        [(2, None, range(2, 3), 0.0)]]
    assert [p.tail_s for p in pieces] == [0.0, 0.0, 0.0, 1.2]
    assert split_plan(plan, {0: 2, 1: 0, 2: 3}, per_piece=8) == [plan], "a short chapter is one piece, as it was"


def test_the_cuts_of_a_segment_hold_every_sample_of_it():
    """Sentence timings with gaps between them: the gap stays with the cut before."""
    audio = SegmentAudio("x", np.zeros(1000, np.float32), 100, (SentenceTiming("One.", 0.5, 2.0),
                         SentenceTiming("Two.", 3.0, 5.0), SentenceTiming("Three.", 6.0, 9.0)), "narrator", "take.wav")
    assert [cut_bounds(audio, r) for r in (range(0, 1), range(1, 3))] == [(0, 300), (300, 1000)]
    assert [cut_bounds(audio, r) for r in (range(0, 2), range(2, 3))] == [(0, 600), (600, 1000)]
    assert cut_bounds(audio, None) == (0, 1000)


PIECES_RATE = 24000


def noise_sentences(n: int, seed: int = 1, levels_db: list[float] | None = None, pauses: bool = True) -> SegmentAudio:
    """A segment of n sentences of band-limited noise, each (with pauses) 0.05 s of silence, 0.25 s of noise and
    0.25 s of silence, as TTS sentences start and end; without pauses, one continuous sound (a narrator's take,
    its sentence timings cut at estimates). levels_db: each sentence's level."""
    rng, rate = np.random.default_rng(seed), PIECES_RATE
    parts, timings = [], []
    for k in range(n):
        noise = resample_poly(rng.standard_normal(rate // 4), 4, 1).astype(np.float32) * 0.05
        noise *= np.float32(10 ** ((levels_db[k] if levels_db else 0.0) / 20))
        silence = np.zeros(round(0.05 * rate) if pauses else 0, np.float32)
        parts.append(np.concatenate([silence, noise, np.zeros(round(0.25 * rate) if pauses else 0, np.float32)]))
        start = timings[-1].end_s if timings else 0.0
        timings.append(SentenceTiming(f"Sentence {k + 1}.", start, start + len(parts[-1]) / rate))
    return SegmentAudio("x", np.concatenate(parts), rate, tuple(timings), "tts" if pauses else "narrator", "test")


def master_pieces(folder: Path, audios: list[SegmentAudio], cache: Path | None = None):
    """Two chapters: a one-sentence opening, then one long segment."""
    segments = (Segment("a", "intro", "One", 0, "narrator", "Sentence 1."),
                Segment("b", "summary", "Two", 1, "narrator", "Many sentences."))
    show = dataclasses.replace(load_show(REPO / "podcast.toml"), artwork=None)
    meta = EpisodeMeta(1, "Pieces", dt.date(2020, 1, 1), None, None)
    folder.mkdir()
    return master_episode(MasteringJob(Script(segments, ()), audios, show, meta, folder / "m.mp3", "",
                                       piece_cache=cache))


def test_an_edit_inside_a_long_segment_encodes_only_its_piece_and_the_joins_are_silent(tmp_path):
    """A chapter of one segment of 20 sentences is encoded in three pieces. Changing one sentence's sound encodes
    one piece again, and the files equal a build with no cache. In the MP3 as ffmpeg decodes it, every sentence
    sounds all through its caption's times and the silence after it stays silent, across the joins too; the Opus
    file's chapters start with the MP3's."""
    audios = [noise_sentences(1), noise_sentences(20)]
    first = master_pieces(tmp_path / "first", audios, tmp_path / "pieces")
    assert (first.pieces, first.pieces_encoded) == (4, 4)
    changed = list(audios)
    cut = audios[1].sentences[10]
    at = round(cut.start_s * PIECES_RATE)
    changed[1] = dataclasses.replace(audios[1], samples=audios[1].samples.copy())
    changed[1].samples[at:at + PIECES_RATE // 4] *= -1
    edited = master_pieces(tmp_path / "edited", changed, tmp_path / "pieces")
    fresh = master_pieces(tmp_path / "fresh", changed)
    assert edited.pieces_encoded == 1 and fresh.pieces_encoded == 4
    assert edited.mp3.read_bytes() == fresh.mp3.read_bytes() and edited.opus.read_bytes() == fresh.opus.read_bytes()

    level = envelope_db(decode(edited.mp3))
    cues = json.loads(edited.sidecars["transcript"].read_text(encoding="utf-8"))["segments"]
    assert [c["body"] for c in cues] == ["Sentence 1."] + [f"Sentence {k + 1}." for k in range(20)]
    for cue in cues:
        start, end = round(cue["startTime"] / 0.01), round(cue["endTime"] / 0.01)
        assert level[start + 2:end - 2].min() > -45, f"{cue['body']} sounds all through its caption's times"
        assert level[end + 3:end + 22].max() < -60, f"the silence after {cue['body']} is silent"
    for chapter, opus_start_s in zip(edited.chapters, edited.opus_chapter_starts_s):
        assert abs(chapter.start_s - opus_start_s) <= 0.01


def test_a_segment_cut_into_pieces_keeps_its_own_dynamics(tmp_path):
    """Its last four sentences 8 dB quieter: one gain for the whole segment, so in the decoded MP3 they stay about
    8 dB under the first eight (each piece levelled on its own would bring both to the target)."""
    episode = master_pieces(tmp_path / "m", [noise_sentences(1), noise_sentences(12, levels_db=[0.0] * 8 + [-8.0] * 4)])
    assert episode.pieces == 3
    samples = decode(episode.mp3)
    cues = json.loads(episode.sidecars["transcript"].read_text(encoding="utf-8"))["segments"][1:]
    meter = pyloudnorm.Meter(RATE)
    loud, quiet = (np.concatenate([samples[round(c["startTime"] * RATE):round(c["endTime"] * RATE)] for c in part])
                   for part in (cues[:8], cues[8:]))
    assert meter.integrated_loudness(loud) - meter.integrated_loudness(quiet) == pytest.approx(8.0, abs=1.0)


def with_a_last_sentence_of_no_sound(audio: SegmentAudio) -> SegmentAudio:
    end_s = audio.duration_s
    return dataclasses.replace(audio, sentences=audio.sentences + (SentenceTiming("Nothing.", end_s, end_s),))


@pytest.mark.parametrize("segment, why", [
    (noise_sentences(12, pauses=False), "a continuous take, its sentence timings estimated"),
    (with_a_last_sentence_of_no_sound(noise_sentences(8)), "a last sentence with no sound")])
def test_a_segment_with_no_silence_between_its_sentences_is_not_cut(tmp_path, segment, why):
    """Pieces are joined where the sound is silent, or not at all: no gap is heard in the middle of the take, and a
    sentence with no sound leaves no empty piece."""
    episode = master_pieces(tmp_path / "m", [noise_sentences(1), segment])
    assert episode.pieces == 2, why
    _, placement = episode.placements
    level = envelope_db(decode(episode.mp3))
    if why.startswith("a continuous"):
        assert level[round(placement.start_s / 0.01) + 2:round(placement.end_s / 0.01) - 2].min() > -45


def tone_file(path: Path, freq_hz: float, seconds: float, rate: int = 32000) -> Path:
    t = np.arange(round(seconds * rate)) / rate
    pcm = (0.5 * np.sin(2 * np.pi * freq_hz * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(pcm.tobytes())
    return path


def test_music_table_is_read_and_a_missing_file_is_named(tmp_path):
    toml = (REPO / "podcast.toml").read_text(encoding="utf-8").replace("[music]", "")
    tone_file(tmp_path / "intro.wav", 440, 1)
    (tmp_path / "podcast.toml").write_text(toml + '[music]\nintro = "intro.wav"\nlevel_lu = -8\n', encoding="utf-8")
    show = load_show(tmp_path / "podcast.toml")
    assert show.music.intro == tmp_path / "intro.wav" and show.music.outro is None and show.music.level_lu == -8
    assert load_show(REPO / "podcast.toml").music.intro is None, "music is off by default"
    (tmp_path / "podcast.toml").write_text(toml + '[music]\noutro = "gone.wav"\n', encoding="utf-8")
    with pytest.raises(InputError, match='outro: file "gone.wav" not found'):
        load_show(tmp_path / "podcast.toml")


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / RATE)[np.argmax(spectrum)])


def test_intro_outro_and_the_sound_between_chapters_are_heard_where_they_belong(tmp_path):
    """Two one-segment chapters of band-limited noise stand in for speech; the music is tone files at another
    sample rate, each found by its pitch in the decoded MP3."""
    rng = np.random.default_rng(0)
    rate = 24000

    def speech(seconds: float) -> SegmentAudio:
        noise = resample_poly(rng.standard_normal(round(seconds * rate / 4)), 4, 1).astype(np.float32) * 0.05
        return SegmentAudio("x", noise, rate, (SentenceTiming("Words here.", 0.0, seconds),), "tts", "test")

    segments = (Segment("a", "intro", "One", 0, "narrator", "Words here."),
                Segment("b", "summary", "Two", 1, "narrator", "Words here."))
    music = Music(intro=tone_file(tmp_path / "intro.wav", 440, 2.0), outro=tone_file(tmp_path / "outro.wav", 330, 2.0),
                  between_chapters=tone_file(tmp_path / "sting.wav", 880, 0.4))
    show = dataclasses.replace(load_show(REPO / "podcast.toml"), music=music, artwork=None)
    meta = EpisodeMeta(1, "Music", dt.date(2020, 1, 1), None, None)
    job = MasteringJob(Script(segments, ()), [speech(20.0), speech(20.0)], show, meta, tmp_path / "m.mp3", "")
    episode = master_episode(job)
    samples = decode(episode.mp3)
    one, two = episode.placements
    assert dominant_hz(samples[:round(1.5 * RATE)]) == pytest.approx(440, abs=3)
    assert one.start_s >= 2.0 + 0.5 - 0.05, "speech waits for the intro"
    between = samples[round(one.end_s * RATE):round(episode.chapters[1].start_s * RATE)]
    assert dominant_hz(between) == pytest.approx(880, abs=5)
    assert dominant_hz(samples[round((two.end_s + 0.7) * RATE):round((two.end_s + 2.3) * RATE)]) == pytest.approx(330, abs=3)
    level = envelope_db(samples)
    start = round(episode.chapters[1].start_s / 0.01)
    assert level[start - 30:start - 2].max() < -60, "the second chapter starts in silence after the sound"
    assert abs(pyloudnorm.Meter(RATE).integrated_loudness(samples) - show.loudness_lufs) <= 1.0


def test_a_piece_over_the_true_peak_ceiling_is_encoded_again_lower_until_it_is_under():
    """A square wave with noise, limited to the ceiling itself before encoding: LAME's output overshoots it, so the
    loop encodes again with a lower limit. Measured independently: ffmpeg's decode, 4x oversampled by scipy."""
    rng = np.random.default_rng(0)
    t = np.arange(4 * 24000) / 24000
    samples = (0.5 * np.sign(np.sin(2 * np.pi * 440 * t)) + 0.3 * rng.standard_normal(len(t))).astype(np.float32)
    settings = Mp3Settings(64, 44100, -1.0)
    limits = []

    def encode(limit_db):
        limits.append(limit_db)
        return encode_piece(samples, 24000, settings, limit_db)

    held = encode_under_ceiling(encode, decode_piece, -1.0, -1.0)
    first = decode_piece(encode_piece(samples, 24000, settings, -1.0))[0].astype(np.float64)
    final = decode_piece(held.data)[0].astype(np.float64)
    oversampled_peak = lambda x: 20 * np.log10(np.max(np.abs(resample_poly(x, 4, 1))))  # noqa: E731
    assert oversampled_peak(first) > -0.5, "the test signal overshoots"
    assert len(limits) >= 2 and limits[1] < limits[0] and held.limit_db == limits[-1]
    assert oversampled_peak(final) <= -1.0 and abs(held.true_peak_dbtp - oversampled_peak(final)) < 0.1


def test_rms_envelope_of_a_tone_a_pause_and_a_partial_window():
    """A tone's RMS is its amplitude over root two, silence is 0, and the last window may be partial; pieces are
    laid at the times they are heard, silence between them."""
    rate = 24000
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(rate) / rate)).astype(np.float32)
    samples = np.concatenate([tone, np.zeros(rate // 2 + 100, np.float32)])
    envelope = rms_envelope(samples, rate)
    assert len(envelope) == 1.5 * ENVELOPE_HZ + 1
    assert envelope[:ENVELOPE_HZ] == pytest.approx([0.5 / np.sqrt(2)] * ENVELOPE_HZ, abs=1e-3)
    assert envelope[ENVELOPE_HZ:] == [0.0] * (len(envelope) - ENVELOPE_HZ)
    episode = episode_envelope([[0.3, 0.3], [0.6]], [0.0, 1.0], 2.0)
    assert list(episode) == [0.3, 0.3] + [0.0] * (ENVELOPE_HZ - 2) + [0.6] + [0.0] * (ENVELOPE_HZ - 1)
