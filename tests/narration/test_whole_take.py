"""Whole-episode takes that hold only part of the episode: forced alignment to the script finds the segments
read, each is cut at the recogniser's word boundaries and used, and every segment not read stays on TTS and is
never reported matched. Checked on a second voice (Piper's joe, the simulated narrator) and on a real human
reading (LibriVox); cut positions are measured against boundaries the recogniser did not make (the known join
points of the pieces the take is built from, and CMU Sphinx's own word alignment of each human sentence)."""
import json
from pathlib import Path

import numpy as np
import pytest

from podcast.episode import load_episode
from podcast.config import load_show
from podcast.narration.alignment import PlacedText, TimedWord
from podcast.narration.episode_take import CUT_MARGIN_S, Span, cut_points, spans_of
from podcast.narration.transcripts import Transcripts

from tests.support.narrator import RATE_HZ, record_session, write_wav
from tests.support.human_speech import READINGS, SPEECH, human_episode, samples
from tests.support.show import an99_excerpt, make_episode, run_podcast

CUT_TOLERANCE_S = 0.05


def status_of(episode: Path, cache: Path) -> dict[str, dict]:
    done = run_podcast("status", str(episode), "--format", "json", "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    return {s["id"]: s for s in json.loads(done.stdout)["segments"]}


def cut_errors_ms(spans, truth: dict[int, tuple[float, float]]) -> list[float]:
    return [abs(got - want) * 1000 for i, (start, end) in truth.items()
            for got, want in zip((spans[i].start_s, spans[i].end_s), (start, end))]


def assert_uses_exactly(status: dict[str, dict], read: set[str]) -> None:
    for sid, got in status.items():
        if sid in read:
            assert (got["source"], got["state"], got["take"]) == ("narrator", "matched", "recordings/full.wav"), got
        else:
            assert (got["source"], got["state"]) == ("tts", "skipped"), got


@pytest.mark.slow
def test_a_partial_whole_take_by_a_second_voice_uses_exactly_its_segments_in_the_build(show_dir):
    """The intro, the news section's heading and its summary read by joe in full.wav; the Highlights heading,
    the other summary, the opinion and the outro are not in it."""
    episode = make_episode(show_dir / "episodes" / "097", 97, an99_excerpt(), "AN #99: Excerpt")
    script = load_episode(episode, load_show(show_dir / "podcast.toml")).script
    ids = [s.id for s in script.segments]
    read = {0, 5, 6}
    session = record_session([s.text for s in script.segments], set(range(len(ids))) - read, seed=3)
    write_wav(episode / "recordings" / "full.wav", session.samples)
    cache = show_dir / "cache"

    spans = cut_points(session.samples, RATE_HZ, [s.text for s in script.segments], Transcripts(cache / "x"), "a")
    assert {i for i, span in enumerate(spans) if span is not None} == read
    errors = cut_errors_ms(spans, session.spans_s)
    print(f"cut errors against the join points (ms): {[round(e) for e in errors]}")
    assert max(errors) <= CUT_TOLERANCE_S * 1000

    done = run_podcast("build", str(episode), "--site", str(show_dir / "public"), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    assert "3 of 8 segments from the narrator's takes" in done.stderr
    assert_uses_exactly(status_of(episode, cache), {ids[i] for i in read})


def human_take(segment_ids: list[str], seed: int = 1) -> tuple[np.ndarray, dict[str, tuple[float, float]]]:
    """The human readings of segment_ids one after another with a second of room tone around each (low noise,
    as a quiet room), and where each reading's first and last word are by CMU Sphinx's alignment of it."""
    rng = np.random.default_rng(seed)

    def room(n: int) -> np.ndarray:
        return (rng.standard_normal(n) * 0.0005).astype(np.float32)

    parts, truth, t = [room(16000)], {}, 1.0
    for sid in segment_ids:
        audio, rate = samples(sid)
        assert rate == 16000
        said = [w for w in json.loads((SPEECH / f"{READINGS[sid]}.json").read_text())["w"]
                if not w["t"].startswith(("<", "["))]
        truth[sid] = (t + said[0]["b"], t + said[-1]["b"] + said[-1]["d"])
        parts += [audio + room(len(audio)), room(16000)]
        t += len(audio) / 16000 + 1.0
    return np.concatenate(parts), truth


@pytest.mark.slow
@pytest.mark.parametrize("read", [["901-00-preface"],
                                  ["901-00-preface", "901-01-dashwood-summary", "901-03-norland-summary"]],
                         ids=["preface-only", "preface-and-two-summaries"])
def test_a_partial_whole_take_by_a_human_reader_uses_exactly_its_segments(show_dir, read):
    """The summaries' titles and bylines, which the script adds, are not read: a segment is used all the same."""
    episode = human_episode(show_dir)
    take, truth = human_take(read)
    write_wav(episode / "recordings" / "full.wav", take, rate=16000)
    script = load_episode(episode, load_show(show_dir / "podcast.toml")).script
    ids = [s.id for s in script.segments]
    spans = cut_points(take, 16000, [s.text for s in script.segments], Transcripts(show_dir / "x"), "h")
    assert {ids[i] for i, span in enumerate(spans) if span is not None} == set(read)
    errors = cut_errors_ms(spans, {ids.index(sid): span for sid, span in truth.items()})
    print(f"cut errors against CMU Sphinx's word alignment (ms): {[round(e) for e in errors]}")
    assert max(errors) <= CUT_TOLERANCE_S * 1000
    assert_uses_exactly(status_of(episode, show_dir / "cache"), set(read))


def test_a_segment_the_take_stops_inside_is_left_to_tts_and_one_missing_its_byline_is_used():
    """spans_of on placed words: the take ends inside the second text (its last sentence not read to the end,
    though most of its words were), and the first text's title sentence was left out."""
    def timed(text: str, start_s: float) -> list[TimedWord]:
        return [TimedWord(w, start_s + 0.3 * k, start_s + 0.3 * k + 0.25) for k, w in enumerate(text.split())]

    first = timed("summary by rohin he was not an ill disposed young man", 1.0)
    second = timed("norland he might have been made still more respectable than he was", 6.0)
    spans = spans_of([PlacedText(first, 14, read_to_end=True), PlacedText(second, 13, read_to_end=False)], 10.0)
    assert spans[1] is None
    assert spans[0] == Span(1.0 - CUT_MARGIN_S, first[-1].end_s + CUT_MARGIN_S)
