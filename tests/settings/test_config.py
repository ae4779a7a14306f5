"""podcast.toml and episode.toml: every bad field is one line naming the file, before any work."""
from pathlib import Path

import pytest

from podcast.config import load_episode_meta, load_show
from podcast.errors import InputError

from tests.support.show import REPO, an99_excerpt, make_episode, run_podcast

GOOD_SHOW = (REPO / "podcast.toml").read_text()


@pytest.mark.parametrize("edit, problem", [
    (lambda s: s.replace('base_url = "https://alignment-newsletter.example/podcast/"', 'base_url = "ftp:/nowhere"'),
     'base_url: "ftp:/nowhere" is not an http(s) URL'),
    (lambda s: s.replace('owner_email = "podcast@alignment-newsletter.example"', 'owner_email = "not an email"'),
     'owner_email: "not an email" is not an email address'),
    (lambda s: s.replace('title = "Alignment Newsletter Podcast"\n', ""), "missing key 'title'"),
    (lambda s: s.replace("explicit = false", 'explicit = "maybe"'), 'explicit: "maybe" is not true or false'),
    (lambda s: s + "\n[[[broken", "not valid TOML"),
    (lambda s: s.replace('Flo = "Flo Dorner"', "Flo = 3"), "[people] Flo: 3 is not text (in quotes)"),
    (lambda s: s.replace("[people]", "people = 1\n[unused]"), "people: 1 is not a table"),
    (lambda s: s.replace("bitrate_kbps = 24", "bitrate_kbps = 2"), "[opus] bitrate_kbps: 2 is not between 6 and 256"),
    (lambda s: s.replace("enabled = true", 'enabled = "yes"'), '[opus] enabled: "yes" is not true or false'),
    (lambda s: s.replace('# prefix = "https://op3.dev/e/"', 'prefix = "op3.dev/e"'),
     '[stats] prefix: "op3.dev/e" is not an http(s) URL ending in \'/\''),
    (lambda s: s.replace("# apple_id = 1234567890", "apple_id = -5"), "apple_id: -5 is not an Apple Podcasts id"),
])
def test_bad_show_file(tmp_path: Path, edit, problem):
    path = tmp_path / "podcast.toml"
    path.write_text(edit(GOOD_SHOW))
    with pytest.raises(InputError) as err:
        load_show(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)


@pytest.mark.parametrize("content, problem", [
    (b'title = "x"\ndate = 2020-01-01\n', "missing key 'number'"),
    (b'number = "ninety"\ntitle = "x"\ndate = 2020-01-01\n', 'number: "ninety" is not a whole number'),
    (b'number = 9\ntitle = "x"\ndate = "yesterday"\n', 'date: "yesterday" is not a date; write a date unquoted, like date = 2020-05-13'),
    (b'number = -1\ntitle = "x"\ndate = 2020-01-01\n', "number: issue number -1 is not between 1 and 9999"),
    (b'number = 10000\ntitle = "x"\ndate = 2020-01-01\n', "number: issue number 10000 is not between 1 and 9999"),
    (b'number = 9\ntitle = "x"\ndate = 0001-01-01\n', "date: date 0001-01-01 is not between 1990 and 2100"),
    (b'number = 9\ntitle = " "\ndate = 2020-01-01\n', "title: the title is blank"),
    (b'number = 9\ntitle = "caf\xe9"\ndate = 2020-01-01\n', "not UTF-8"),
])
def test_bad_episode_file(tmp_path: Path, content: bytes, problem: str):
    path = tmp_path / "episode.toml"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        load_episode_meta(path)
    assert problem in str(err.value) and str(path) in str(err.value)


def test_bad_show_stops_the_build_in_one_line(show_dir: Path):
    (show_dir / "podcast.toml").write_text(GOOD_SHOW.replace("https://alignment-newsletter.example/podcast/", "nope"))
    episode = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt())
    done = run_podcast("build", str(episode), "--site", str(show_dir / "public"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f'podcast: error: {show_dir / "podcast.toml"}: base_url: "nope" is not an http(s) URL'
    assert not (show_dir / "public").exists()


def test_duplicate_episode_numbers_are_refused(show_dir: Path):
    a = make_episode(show_dir / "episodes" / "a", 5, an99_excerpt())
    b = make_episode(show_dir / "episodes" / "b", 5, an99_excerpt())
    done = run_podcast("build", str(a), str(b), "--site", str(show_dir / "public"))
    assert done.returncode == 1 and "episode number 5 is given twice" in done.stderr
    assert not (show_dir / "public").exists()
