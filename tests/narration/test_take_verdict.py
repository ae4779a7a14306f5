"""The take verdict does not depend on the voice: a take is matched when its own segment's text fits it clearly
better than every other segment's, mismatched (naming the right segment) when another fits better. Checked on
a real human reading (LibriVox), on AN #99 read by a second offline voice (Piper's joe), and on WebM/Opus and
Ogg takes as browsers record them. Real Whisper, real TTS, the real `podcast status`."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from podcast.audio import ffmpeg_exe
from podcast.caches import CacheDirs
from podcast.config import load_show
from podcast.episode import load_episode
from podcast.narration import assess_takes
from podcast.narration.matching import FITS_AT_MOST, MARGIN, NO_FIT_MAX_ERROR, judge, missed_words, verdict
from podcast.listener import listened
from podcast.voicing import SegmentCache, load_cast, load_lexicon, voice_script_here

from tests.support.show import AN99, REPO, run_podcast
from tests.support.human_speech import READINGS, human_episode, reading
from tests.support.narrator import speak, write_wav


def status_of(episode: Path, cache: Path) -> dict[str, dict]:
    done = run_podcast("status", str(episode), "--format", "json", "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    return {s["id"]: s for s in json.loads(done.stdout)["segments"]}


def test_verdict_rules_compare_segments_before_any_error_rate():
    own, other = "a", "b"
    # a poorly heard take whose own text still fits clearly best: matched, however high its error rate
    assert verdict(own, {own: 0.70, other: 0.71 + MARGIN})[0]
    # another segment fits better: mismatched, naming it
    assert verdict(own, {own: 0.60, other: 0.30}) == (False, other, verdict(own, {own: 0.60, other: 0.30})[2])
    assert "sounds like segment b" in verdict(own, {own: 0.60, other: 0.30})[2]
    # nothing fits clearly: only then the error rate decides
    assert verdict(own, {own: NO_FIT_MAX_ERROR, other: NO_FIT_MAX_ERROR + 0.01})[0]
    matched, _, reason = verdict(own, {own: 0.75, other: 0.75 + MARGIN / 2})
    assert not matched and "does not say its text" in reason
    # a text that does not fit at all is no better match for anything
    assert not verdict(own, {own: 1.0, other: FITS_AT_MOST + 0.05})[0]
    assert verdict(own, {own: 1.0, other: FITS_AT_MOST + 0.05})[1] == own


def test_a_section_title_is_matched_when_anything_is_heard_and_a_sliver_heard_as_nothing_is_not():
    texts = {"title": "Highlights.", "summary": "We can roughly measure algorithmic progress by tracking compute."}
    assert judge("title", "high lights", texts, 0.9, 0.8).matched
    sliver = judge("title", "", texts, 0.9, 0.8)
    assert not sliver.matched and sliver.score == 0.0 and "does not say its text" in sliver.reason
    assert not judge("title", "highlights", texts, 0.05, 0.8).matched  # far too short to be a reading


def test_missed_words_are_the_unheard_words_of_the_text():
    text = listened("Dashwood. Summarized by Rohin. He was not an ill-disposed young man.")
    assert missed_words(text, listened("He was not an ill-disposed young man.")) == ("dashwood", "summarized", "by", "rohin")
    assert missed_words(text, listened("Dashwood, summarized by Robin. He was not an illdisposed young man.")) == ("rohin",)


@pytest.fixture
def human(show_dir: Path, tmp_path: Path):
    return human_episode(show_dir), tmp_path / "cache"


def to_format(wav: Path, out: Path, *codec: str) -> Path:
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(wav), *codec, str(out)], check=True)
    return out


@pytest.mark.slow
def test_a_human_readings_takes_match_their_segments_and_misfiled_ones_name_the_right_one(human):
    """Five sentences read by a person (LibriVox); the script adds a title the reader does not say."""
    episode, cache = human
    rec = episode / "recordings"
    rec.mkdir()
    ids = list(READINGS)
    for sid in ids[:3]:
        shutil.copy(reading(sid), rec / f"{sid}.wav")
    to_format(reading(ids[3]), rec / f"{ids[3]}.webm", "-c:a", "libopus", "-b:a", "32k")  # as Chromium records
    to_format(reading(ids[4]), rec / f"{ids[4]}.ogg", "-c:a", "libopus", "-b:a", "24k")
    status = status_of(episode, cache)
    for sid in ids:
        assert (status[sid]["source"], status[sid]["state"]) == ("narrator", "matched"), (sid, status[sid])
    # the title and byline ("Summary by ...") the script adds and the reader skipped are reported as missed words
    assert status["901-01-dashwood-summary"]["missed"][:4] == ["dashwood", "summary", "by", "rohin"]
    assert status["901-00-preface"]["score"] > 0.6

    for path in rec.iterdir():
        path.unlink()
    for sid, neighbour in zip(ids, ids[1:] + ids[:1]):  # each reading filed under the next segment's id
        shutil.copy(reading(sid), rec / f"{neighbour}.wav")
    status = status_of(episode, cache)
    for sid, neighbour in zip(ids, ids[1:] + ids[:1]):
        got = status[neighbour]
        assert (got["source"], got["state"], got["best_match"]) == ("tts", "mismatched", sid), (neighbour, got)


@pytest.fixture(scope="module")
def an99_joe(tmp_path_factory):
    """AN #99's script voiced by the show's TTS, and every summary, opinion and news item read by Piper's joe."""
    show = load_show(REPO / "podcast.toml")
    script = load_episode(AN99.parent, show).script
    cache = CacheDirs(tmp_path_factory.mktemp("cache"))
    tts = voice_script_here(script, load_cast(REPO / "voices" / "cast.toml"),
                            load_lexicon(REPO / "voices" / "lexicon.toml"), SegmentCache(cache.segments))
    readings = {s.id: speak(s.text) for s in script.segments if s.kind in ("highlight", "summary", "opinion", "news")}
    return script, tts, cache, readings


def lay_out(folder: Path, readings: dict, names: dict[str, str]) -> Path:
    """An episode folder whose recordings/ holds each reading under names[its segment id]."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(AN99, folder / "issue.txt")
    shutil.copy(AN99.parent / "episode.toml", folder / "episode.toml")
    for sid, audio in readings.items():
        write_wav(folder / "recordings" / f"{names[sid]}.wav", audio)
    return folder


@pytest.mark.slow
def test_every_an99_summary_and_opinion_read_by_a_second_voice_is_matched_under_its_own_id(an99_joe, tmp_path):
    script, tts, cache, readings = an99_joe
    assert len(readings) == 21
    folder = lay_out(tmp_path / "099", readings, {sid: sid for sid in readings})
    statuses = {s.segment_id: s for s in assess_takes(folder, script, tts, cache.recognition).statuses}
    wrong = {sid: (statuses[sid].state, statuses[sid].note) for sid in readings if statuses[sid].state != "matched"}
    scores = sorted(statuses[sid].score for sid in readings)
    print(f"own ids: {21 - len(wrong)} of 21 matched; scores {scores[0]:.2f} to {scores[-1]:.2f}")
    assert not wrong


@pytest.mark.slow
def test_every_an99_reading_filed_under_another_id_is_mismatched_and_names_the_right_one(an99_joe, tmp_path):
    script, tts, cache, readings = an99_joe
    ids = list(readings)
    misfiled = dict(zip(ids, ids[1:] + ids[:1]))  # each under the next reading's id: a neighbour's
    folder = lay_out(tmp_path / "099", readings, misfiled)
    statuses = {s.segment_id: s for s in assess_takes(folder, script, tts, cache.recognition).statuses}
    caught = {sid: statuses[name] for sid, name in misfiled.items()}
    wrong = {sid: (s.state, s.best_match, s.note) for sid, s in caught.items()
             if (s.state, s.source, s.best_match) != ("mismatched", "tts", sid)}
    print(f"misfiled: {21 - len(wrong)} of 21 mismatched naming the right segment")
    assert not wrong
