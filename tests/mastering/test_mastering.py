"""Mastering a real voiced excerpt of AN #99, read back with independent tools: pyloudnorm on the MP3 as ffmpeg
decodes it, mutagen for ID3, webvtt-py for the captions, json for the Podcasting 2.0 files, Pillow for the art."""
import dataclasses
import io
import json
import re
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import webvtt
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from PIL import Image
from scipy.signal import resample_poly

from podcast.episode import load_episode
from podcast.config import load_show
from podcast.mastering import MasteringJob, master_episode
from podcast.voicing import SegmentCache, load_cast, load_lexicon, voice_script_here

from tests.support.audio import decode as decode_mp3
from tests.support.show import REPO, an99_excerpt, make_episode

pytestmark = pytest.mark.slow

RATE = 44100
LINK = "https://rohinshah.com/alignment-newsletter/"


def decode(mp3: Path) -> np.ndarray:
    """The MP3 as ffmpeg decodes it, mono float64 at 44.1 kHz."""
    return decode_mp3(mp3, RATE).astype(np.float64)


def envelope_db(samples: np.ndarray, window_s: float = 0.01) -> np.ndarray:
    """RMS level in dBFS of consecutive windows."""
    n = round(window_s * RATE)
    frames = samples[: len(samples) // n * n].reshape(-1, n)
    return 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-20)


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’]+", text.lower())


@pytest.fixture(scope="module")
def voiced(tmp_path_factory):
    """The excerpt's script and its real hibari audio; one segment replaced by a narrator's take: the same
    speech at 48 kHz, 20 dB quieter (a take recorded low, at another rate, in a chapter of TTS)."""
    root = tmp_path_factory.mktemp("voiced")
    show = load_show(REPO / "podcast.toml")
    folder = make_episode(root / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    with (folder / "episode.toml").open("a", encoding="utf-8") as f:
        f.write(f'link = "{LINK}"\n')
    episode = load_episode(folder, show)
    audios = voice_script_here(episode.script, load_cast(REPO / "voices" / "cast.toml"),
                          load_lexicon(REPO / "voices" / "lexicon.toml"), SegmentCache(root / "cache"))
    i = next(i for i, s in enumerate(episode.script.segments) if s.kind == "opinion")
    take = audios[i]
    audios[i] = dataclasses.replace(take, samples=(resample_poly(take.samples, 2, 1) * 0.1).astype(np.float32),
                                    sample_rate=48000, source="narrator", voice="take.wav")
    return show, episode, audios, i


def master(voiced, folder: Path, show=None, audios=None, cache: Path | None = None):
    show_, episode, audios_, _ = voiced
    folder.mkdir(parents=True, exist_ok=True)
    return master_episode(MasteringJob(episode.script, audios or audios_, show or show_, episode.meta,
                                       folder / "episode.mp3", "An excerpt.", piece_cache=cache))


@pytest.fixture(scope="module")
def mastered(voiced, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mastered")
    return master(voiced, folder, cache=folder / "pieces"), decode(folder / "episode.mp3")


def test_loudness_and_true_peak_of_the_decoded_mp3(voiced, mastered):
    show = voiced[0]
    episode, samples = mastered
    lufs = pyloudnorm.Meter(RATE).integrated_loudness(samples)
    true_peak_db = 20 * np.log10(np.max(np.abs(resample_poly(samples, 4, 1))))
    assert abs(lufs - show.loudness_lufs) <= 1.0, lufs
    assert true_peak_db <= show.true_peak_dbtp, true_peak_db


def test_adjacent_segments_are_equally_loud_tts_and_take_alike(voiced, mastered):
    episode, samples = mastered
    meter = pyloudnorm.Meter(RATE)
    loudness = [meter.integrated_loudness(samples[round(p.start_s * RATE):round(p.end_s * RATE)])
                for p in episode.placements if p.duration_s >= 0.5]
    assert len(loudness) >= 6
    assert max(abs(a - b) for a, b in zip(loudness, loudness[1:])) <= 2.0, loudness


def test_the_three_chapter_lists_agree(mastered):
    episode, _ = mastered
    tags = ID3(episode.mp3)
    [toc] = tags.getall("CTOC")
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    id3 = [(chaps[i].start_time, str(chaps[i].sub_frames["TIT2"]),
            next((w.url for w in chaps[i].sub_frames.getall("WXXX")), None)) for i in toc.child_element_ids]
    data = json.loads(episode.sidecars["chapters"].read_text(encoding="utf-8"))
    assert data["version"].startswith("1.")
    from_json = [(c["startTime"] * 1000, c["title"], c.get("url")) for c in data["chapters"]]
    from_model = [(c.start_s * 1000, c.title, c.url) for c in episode.chapters]
    assert [t for _, t, _ in id3] == ["Opening: Excerpt", "AI and Efficiency", "BERI seeking new university collaborators",
                                      "Closing"]
    for listing in (from_json, from_model):
        assert [t for _, t, _ in listing] == [t for _, t, _ in id3]
        assert [u for _, _, u in listing] == [u for _, _, u in id3]
        assert all(abs(a[0] - b[0]) <= 1 for a, b in zip(listing, id3))
    assert id3[0][2] == id3[-1][2] == LINK  # the opening and closing link to the issue
    assert abs(chaps[toc.child_element_ids[-1]].end_time - MP3(episode.mp3).info.length * 1000) <= 1


def test_chapters_start_on_frame_boundaries_where_their_speech_starts(mastered):
    """Chapter times come from the frames before them; each starts in a pause right before its speech."""
    episode, samples = mastered
    level = envelope_db(samples)
    for chapter in episode.chapters:
        assert abs(chapter.start_s * RATE / 1152 - round(chapter.start_s * RATE / 1152)) < 1e-6
        at = round(chapter.start_s / 0.01)
        if at:
            assert level[at - 40:at - 2].max() < -60, f"{chapter.title} does not start in a pause"
        onset_s = np.argmax(level[at:] > -45) * 0.01
        assert onset_s < 0.5, f"speech of {chapter.title} starts {onset_s:.2f} s after the chapter"


def test_transcripts_are_ordered_inside_the_audio_and_cover_the_script(voiced, mastered):
    _, script_episode, audios, take = voiced
    episode, _ = mastered
    spoken = words(" ".join(s.text for s in script_episode.script.segments))
    transcript = json.loads(episode.sidecars["transcript"].read_text(encoding="utf-8"))
    vtt = webvtt.read(str(episode.sidecars["vtt"]))
    srt = webvtt.from_srt(str(episode.sidecars["srt"]))
    segments = transcript["segments"]
    assert transcript["version"].startswith("1.")
    assert words(" ".join(s["body"] for s in segments)) == spoken
    assert words(" ".join(c.text for c in vtt)) == spoken
    assert words(" ".join(c.text for c in srt)) == spoken
    for cues in ([(s["startTime"], s["endTime"]) for s in segments],
                 [(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000) for c in vtt],
                 [(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000) for c in srt]):
        assert all(0 <= start < end <= episode.duration_s for start, end in cues)
        assert all(a[1] <= b[0] + 1e-3 for a, b in zip(cues, cues[1:])), "cues overlap or are out of order"
    for caption in srt:
        lines = caption.text.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 32 for line in lines), lines
    speakers = {c.voice for c in vtt}
    assert speakers == {"Synthetic voice", "Rohin Shah"}, "the synthetic voice, named so, and the narrator " \
                                                         "(podcast.toml's author) for the take"
    assert {s["speaker"] for s in segments} == speakers
    take_sentences = {s.text for s in audios[take].sentences}
    assert script_episode.script.segments[take].role == "opinion:Flo"
    assert {s["speaker"] for s in segments if s["body"] in take_sentences} == {"Rohin Shah"}, \
        "the narrator reads the opinion's take (its text says whose opinion it is)"
    assert {s["speaker"] for s in segments if s["body"] not in take_sentences} == {"Synthetic voice"}


def test_each_sentence_cue_is_where_the_sentence_is_heard(mastered):
    """Within 150 ms: sound begins near the cue's start and ends near its end, in the decoded MP3."""
    episode, samples = mastered
    level = envelope_db(samples)
    loud = level > -45
    for cue in json.loads(episode.sidecars["transcript"].read_text(encoding="utf-8"))["segments"]:
        first, last = round((cue["startTime"] - 0.15) / 0.01), round((cue["endTime"] + 0.15) / 0.01)
        heard = np.flatnonzero(loud[first:last]) + first
        assert len(heard), cue
        assert abs(heard[0] * 0.01 - cue["startTime"]) <= 0.15, (cue, heard[0] * 0.01)
        assert abs((heard[-1] + 1) * 0.01 - cue["endTime"]) <= 0.15, (cue, (heard[-1] + 1) * 0.01)


def test_player_tags_and_embedded_artwork(mastered):
    episode, _ = mastered
    tags = ID3(episode.mp3)
    assert str(tags["TIT2"]) == "AN #99: Excerpt" and str(tags["TALB"]) == "Alignment Newsletter Podcast"
    assert str(tags["TPE1"]) == "Rohin Shah" and str(tags["TRCK"]) == "99" and str(tags["TCON"]) == "Podcast"
    assert str(tags["TDRC"]) == "2020-05-13" and tags.getall("COMM")[0].text == ["An excerpt."]
    assert abs(int(str(tags["TLEN"])) - MP3(episode.mp3).info.length * 1000) <= 1
    [cover] = tags.getall("APIC")
    image = Image.open(io.BytesIO(cover.data))
    assert cover.type == 3 and cover.mime == f"image/{image.format.lower()}"
    assert image.mode == "RGB" and image.width == image.height and 1400 <= image.width <= 3000


def test_sidecars_sit_beside_the_mp3_by_kind(mastered):
    episode, _ = mastered
    assert set(episode.sidecars) == {"chapters", "vtt", "srt", "transcript"}
    assert all(p.parent == episode.mp3.parent and p.stat().st_size for p in episode.sidecars.values())


def test_a_changed_piece_is_the_only_one_encoded_again(voiced, mastered, tmp_path):
    """Same sound: nothing is encoded and the MP3 is the same. One segment cut short: only its piece is
    encoded, later chapters move by its real length, and the result equals a build with no cache."""
    _, episode, audios, _ = voiced
    first, _ = mastered
    cache = first.mp3.parent / "pieces"
    again = master(voiced, tmp_path / "again", cache=cache)
    assert again.pieces_encoded == 0 and again.mp3.read_bytes() == first.mp3.read_bytes()

    i = next(i for i, s in enumerate(episode.script.segments) if s.chapter.startswith("BERI") and s.kind != "section")
    cut = audios[i]
    keep = cut.sentences[:-1]
    changed = list(audios)
    changed[i] = dataclasses.replace(cut, samples=cut.samples[:round(keep[-1].end_s * cut.sample_rate)], sentences=keep)
    edited = master(voiced, tmp_path / "edited", audios=changed, cache=cache)
    assert edited.pieces_encoded == 1
    assert [c.start_s for c in edited.chapters[:3]] == [c.start_s for c in first.chapters[:3]]
    assert edited.chapters[3].start_s < first.chapters[3].start_s - 1
    fresh = master(voiced, tmp_path / "fresh", audios=changed)
    assert fresh.pieces_encoded == fresh.pieces >= len(fresh.chapters)
    assert fresh.mp3.read_bytes() == edited.mp3.read_bytes()
    transcript = json.loads(edited.sidecars["transcript"].read_text(encoding="utf-8"))["segments"]
    assert cut.sentences[-1].text not in {s["body"] for s in transcript}
    assert transcript[-1]["endTime"] <= edited.duration_s
