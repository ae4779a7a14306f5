"""Help and messages: --version, a bare `podcast`, every argument's help with its default, an unknown engine
refused, `podcast status` in the README's words and never synthesizing, no line about takes when there are none,
the studio's goodbye, plurals."""
from __future__ import annotations

import argparse
import json
import logging
import re
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from podcast.audio import SegmentAudio, Source
from podcast.cli import parser
from podcast.commands.studio import goodbye
from podcast.config import load_show
from podcast.episode import load_episode
from podcast.narration import TakeState, use_takes
from podcast.terminal import plural

from tests.support.narrator import speak, write_wav
from tests.support.show import REPO, an99_excerpt, make_episode, run_podcast


def test_version_is_the_packages():
    done = run_podcast("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"podcast {version('podcast')}\n", "")


def test_a_bare_podcast_prints_its_help_and_exits_2():
    done = run_podcast()
    assert done.returncode == 2 and done.stderr == ""
    assert done.stdout.startswith("usage: podcast ") and "  build  " in done.stdout and "--version" in done.stdout


def actions(p: argparse.ArgumentParser, name: str = "podcast"):
    """(command, action) of every argument of the parser and its subcommands'."""
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, child in action.choices.items():
                yield from actions(child, f"{name} {sub}")
        elif not isinstance(action, argparse._HelpAction):
            yield name, action


def test_every_argument_is_documented_with_its_default():
    for command, action in actions(parser()):
        where = f"{command} {'/'.join(action.option_strings) or action.metavar}"
        assert action.help, f"{where} has no help"
        takes_a_value = action.option_strings and action.nargs != 0 and not action.required
        if takes_a_value:
            text = action.help % {"default": action.default}
            assert "default" in text, f"{where}: its help does not say its default"
            if action.default not in (None, argparse.SUPPRESS):
                assert str(action.default) in text or f"{action.default}/" in text, f"{where}: default not stated"


def test_an_unknown_engine_is_refused_naming_the_engines():
    done = run_podcast("voices", "--engine", "nosuch")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "podcast: error: --engine: no engine 'nosuch' (engines: hibari, piper, coqui, espeak)\n"
    assert "did you mean 'piper'?" in run_podcast("voices", "--engine", "pipr").stderr


def test_the_readme_names_every_state_podcast_status_shows():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    status = text[text.index("- `podcast status EPISODE_DIR"):]
    status = status[:status.index("\n- `")]
    assert {state.value for state in TakeState} <= set(re.findall(r"`(\w+)`", status))


def segment_entries(cache: Path) -> list[Path]:
    return [p for p in (cache / "segments").rglob("*") if p.is_file()] if (cache / "segments").exists() else []


def test_status_synthesizes_nothing_and_says_what_is_not_voiced(show_dir: Path, tmp_path: Path):
    episode = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    cache = tmp_path / "cache"
    done = run_podcast("status", str(episode), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("099-")]
    assert rows and all(row.split()[1:4] == ["tts", "none", "-"] and row.endswith("not voiced yet (podcast build "
                                                                                    "voices it)") for row in rows)
    assert segment_entries(cache) == [], "nothing voiced into the cache"


@pytest.mark.slow
def test_status_judges_a_take_before_the_episode_is_voiced(show_dir: Path, tmp_path: Path):
    episode = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    script = load_episode(episode, load_show(show_dir / "podcast.toml")).script
    intro = script.segments[0]
    write_wav(episode / "recordings" / f"{intro.id}.wav", speak(intro.text))
    cache = tmp_path / "cache"
    done = run_podcast("status", str(episode), "--format", "json", "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    status = {s["id"]: s for s in json.loads(done.stdout)["segments"]}
    assert (status[intro.id]["source"], status[intro.id]["state"]) == ("narrator", "matched")
    assert "once" not in status[intro.id]["note"] and status[intro.id]["duration_s"] > 1
    assert status[script.segments[1].id]["note"] == "not voiced yet (podcast build voices it)"
    assert segment_entries(cache) == []


def test_no_line_about_takes_when_there_are_none(show_dir: Path, tmp_path: Path, caplog):
    episode = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    script = load_episode(episode, load_show(show_dir / "podcast.toml")).script
    tts = [SegmentAudio(s.id, np.zeros(2400, np.float32), 24000, (), Source.TTS, "test") for s in script.segments]
    with caplog.at_level(logging.INFO, logger="podcast"):
        audio, _ = use_takes(episode, script, tts, tmp_path / "recognition")
    assert audio == tts and "narrator's takes" not in caplog.text


def test_the_studio_goodbye_says_where_the_takes_are_or_that_there_are_none(tmp_path: Path):
    ids = ["099-00-intro", "099-01-x-summary"]
    assert goodbye(tmp_path, ids) == f"studio stopped; no takes recorded (they go in {tmp_path / 'recordings'})"
    write_wav(tmp_path / "recordings" / "099-00-intro.wav", np.zeros(22050, np.float32))
    assert goodbye(tmp_path, ids).startswith(f"studio stopped; 1 take in {tmp_path / 'recordings'} (podcast status ")


def test_plurals(show_dir: Path, tmp_path: Path):
    assert [plural(1, "episode"), plural(2, "episode"), plural(0, "entry", "entries")] == \
        ["1 episode", "2 episodes", "0 entries"]
    make_episode(show_dir / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    done = run_podcast("cache", "prune", "--dry-run", "--cache", str(tmp_path / "cache"), cwd=show_dir)
    assert done.returncode == 0 and done.stdout.endswith("used by 1 episode\n"), done.stderr
    assert "would remove 0 unused entries" in done.stdout
