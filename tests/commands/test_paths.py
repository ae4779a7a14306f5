"""Paths that forgive: an episode argument as the producer means it (98, 098, episodes/98), a missing one named
with the nearest, the show found from the episode folder or the current folder upward (the error says where it
looked), --show before or after the subcommand, and `podcast new` into the show's episodes/ from anywhere."""
from __future__ import annotations

from pathlib import Path

import pytest

from podcast.commands.paths import episode_folder
from podcast.errors import InputError

from tests.support.show import AN99, REPO, an99_excerpt, make_episode, run_podcast

TITLE = "# AN #99: Excerpt"


@pytest.fixture
def show(show_dir: Path) -> Path:
    """A show with episodes/099 and episodes/098."""
    make_episode(show_dir / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    make_episode(show_dir / "episodes" / "098", 98, an99_excerpt(), "AN #98: Excerpt")
    return show_dir


@pytest.mark.parametrize("where, argument", [
    (".", "99"), (".", "099"), (".", "episodes/99"), (".", "episodes/099"), ("episodes", "99"), ("episodes", "099"),
    ("voices", "99"), ("episodes/098", "99"),
])
def test_an_episode_is_named_as_the_producer_means_it(show: Path, where, argument):
    done = run_podcast("script", argument, cwd=show / where)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(TITLE + "\n")


def test_a_missing_episode_says_so_and_names_the_nearest(show: Path):
    done = run_podcast("build", "episodes/100", cwd=show)
    assert (done.returncode, done.stderr) == (
        1, "podcast: error: episodes/100: no such episode folder; nearest: episodes/099, episodes/098\n")
    done = run_podcast("script", "97", cwd=show / "episodes")
    assert done.stderr == "podcast: error: 97: no such episode folder; nearest: 098, 099\n"
    done = run_podcast("script", "episodes/099x", cwd=show)
    assert done.stderr == "podcast: error: episodes/099x: no such episode folder; nearest: episodes/099\n"


def test_a_folder_that_is_no_episode_names_what_an_episode_folder_holds(show: Path):
    (show / "episodes" / "097").mkdir()
    done = run_podcast("script", "97", cwd=show)
    assert done.stderr == ("podcast: error: episodes/097: not an episode folder: it has no episode.toml (podcast new "
                           "makes the folder: episode.toml and one of issue.txt, issue.md, issue.html)\n")
    done = run_podcast("script", "episodes/099/episode.toml", cwd=show)
    assert done.stderr == ("podcast: error: episodes/099/episode.toml: is a file, not an episode folder (a folder "
                           "with episode.toml and one of issue.txt, issue.md, issue.html)\n")


def test_one_number_in_two_folders_is_refused(tmp_path: Path):
    for name in ("98", "098"):
        (tmp_path / name).mkdir()
    with pytest.raises(InputError, match="more than one folder of episode 98: "):
        episode_folder(tmp_path / "0098", None)
    assert episode_folder(tmp_path / "98", None) == tmp_path / "98", "a folder named as given is that folder"


def test_the_show_is_found_upward_and_the_error_says_where_it_looked(show: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    done = run_podcast("script", str(show / "episodes" / "099"), cwd=outside)
    assert done.returncode == 0 and done.stdout.startswith(TITLE), "the show above the episode folder"
    loose = make_episode(tmp_path / "loose" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    done = run_podcast("script", str(loose), cwd=show / "voices")
    assert done.returncode == 0 and done.stdout.startswith(TITLE), "else the show above the current folder"
    done = run_podcast("script", str(loose), cwd=outside)
    assert done.stderr == (f"podcast: error: podcast.toml: not found in {loose} nor in {outside} or any folder "
                           f"above them; give the show's file with --show FILE\n")


def test_show_is_taken_before_or_after_the_subcommand(show: Path, tmp_path: Path):
    loose = make_episode(tmp_path / "loose" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    for args in [("--show", str(show / "podcast.toml"), "script", str(loose)),
                 ("script", str(loose), "--show", str(show / "podcast.toml")),
                 ("script", "--show", str(show / "podcast.toml"), str(loose))]:
        done = run_podcast(*args, cwd=tmp_path)
        assert done.returncode == 0 and done.stdout.startswith(TITLE), (args, done.stderr)
    done = run_podcast("cache", "prune", "--dry-run", "--show", str(show / "podcast.toml"), "--cache",
                       str(tmp_path / "cache"), cwd=tmp_path)
    assert done.returncode == 0 and "used by 2 episodes" in done.stdout, done.stderr
    done = run_podcast("--show", str(tmp_path / "nope.toml"), "script", str(loose), "--show",
                       str(show / "podcast.toml"), cwd=tmp_path)
    assert done.returncode == 0, "the one after the subcommand wins"


@pytest.mark.parametrize("where", [".", "episodes", "voices"])
def test_new_puts_the_episode_in_the_shows_episodes_wherever_it_runs(show_dir: Path, where):
    (show_dir / "episodes").mkdir()
    source = show_dir / "pasted.txt"
    source.write_text("[AN #100]: A title\n\n" + AN99.read_text(encoding="utf-8"), encoding="utf-8")
    done = run_podcast("new", str(source), "--date", "2020-05-20", cwd=show_dir / where)
    assert done.returncode == 0, done.stderr
    assert (show_dir / "episodes" / "100" / "episode.toml").is_file()
    assert not (show_dir / "episodes" / "episodes").exists() and not (show_dir / "voices" / "episodes").exists()
    assert (show_dir / where / done.stdout.strip()).resolve() == show_dir / "episodes" / "100"


def test_new_without_a_show_makes_episodes_here(tmp_path: Path):
    source = tmp_path / "pasted.txt"
    source.write_text("[AN #100]: A title\n\n" + AN99.read_text(encoding="utf-8"), encoding="utf-8")
    done = run_podcast("new", str(source), "--date", "2020-05-20", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "episodes/100\n"), done.stderr
    assert REPO not in tmp_path.parents
