"""`podcast new`: the issue as it arrives (an email built here with the standard library from a corpus issue,
each corpus file, standard input) becomes an episode folder that scripts like the same issue placed by hand;
a number or title found nowhere, or an existing folder, is one line and nothing is created."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import markdown
import pytest

from tests.support.show import CORPUS, REPO
from tests.support.emails import AN99, known, newsletter_email, newsletter_html


def podcast(*args: str, stdin: bytes | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "podcast", *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=300)


def episode_toml(folder: Path) -> dict:
    data = tomllib.loads((folder / "episode.toml").read_text(encoding="utf-8"))
    return {**data, "date": data["date"].isoformat()}


def script_json(folder: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "podcast", "--show", str(REPO / "podcast.toml"), "script",
                           str(folder), "--format", "json"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def created(done: subprocess.CompletedProcess, episodes: Path) -> Path:
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.decode().strip())
    assert folder.parent == episodes and folder.is_dir()
    assert [p.name for p in episodes.iterdir()] == [folder.name], "a temporary folder was left behind"
    return folder


def test_an_email_becomes_an_episode_that_scripts_like_the_issue_placed_by_hand(tmp_path):
    raw = newsletter_email("an-100.md")
    (tmp_path / "issue.eml").write_bytes(raw)
    episodes = tmp_path / "episodes"
    folder = created(podcast("new", str(tmp_path / "issue.eml"), "--episodes", str(episodes)), episodes)
    assert folder == episodes / "100"
    assert sorted(p.name for p in folder.iterdir()) == ["episode.toml", "issue.html", "source.eml"]
    assert (folder / "source.eml").read_bytes() == raw
    assert (folder / "issue.html").read_text(encoding="utf-8").rstrip("\n") == newsletter_html("an-100.md")
    info = known("an-100.md")
    assert episode_toml(folder) == {k: info[k] for k in ("number", "title", "date")}

    by_hand = tmp_path / "by-hand" / "100"
    by_hand.mkdir(parents=True)
    (by_hand / "issue.md").write_bytes((CORPUS / "an-100.md").read_bytes())
    (by_hand / "episode.toml").write_text(f'number = 100\ntitle = "{info["title"]}"\ndate = {info["date"]}\n',
                                          encoding="utf-8")
    arrived, placed = script_json(folder), script_json(by_hand)
    assert [s["id"] for s in arrived["segments"]] == [s["id"] for s in placed["segments"]]
    assert [s["text"] for s in arrived["segments"]] == [s["text"] for s in placed["segments"]]


@pytest.mark.parametrize("name, subject", [
    ("an-084.md", "[AN #84] Reviewing AI alignment work in 2018-19"),  # no colon after the number
    ("an-100.md", "Fwd: Re: [AN #100]: What might go wrong if you learn a reward function while acting"),
    ("an-093.md", None),  # "we’re": an encoded-word subject
])
def test_the_subject_gives_number_and_title_in_each_of_its_forms(tmp_path, name, subject):
    raw = newsletter_email(name, subject)
    if subject is None:
        assert b"=?utf-8?" in raw  # the stdlib did encode the subject, so the decoding is exercised
    (tmp_path / "issue.eml").write_bytes(raw)
    episodes = tmp_path / "episodes"
    folder = created(podcast("new", str(tmp_path / "issue.eml"), "--episodes", str(episodes)), episodes)
    info = known(name)
    assert episode_toml(folder) == {k: info[k] for k in ("number", "title", "date")}


def test_an_email_without_html_keeps_its_plain_text(tmp_path):
    raw = newsletter_email("an-099.txt", html=False)
    episodes = tmp_path / "episodes"
    folder = created(podcast("new", "-", "--episodes", str(episodes), stdin=raw), episodes)
    assert sorted(p.name for p in folder.iterdir()) == ["episode.toml", "issue.txt", "source.eml"]
    assert (folder / "issue.txt").read_text(encoding="utf-8").strip() == (CORPUS / "an-099.txt").read_text(
        encoding="utf-8").strip()
    assert episode_toml(folder) == AN99


@pytest.mark.parametrize("path", sorted(CORPUS.glob("an-*.*")), ids=lambda p: p.name)
def test_each_corpus_file_is_kept_byte_for_byte_with_the_options_as_its_metadata(tmp_path, path):
    info = known(path.name)
    episodes = tmp_path / "episodes"
    done = podcast("new", str(path), "--episodes", str(episodes))
    missing = "--title" if path.name == "an-100.md" else "--number"  # AN #100's post opens "Newsletter #100 (!!)"
    assert done.returncode == 2 and not episodes.exists(), done.stderr
    line = done.stderr.decode().strip()
    assert "\n" not in line and line.startswith(f"podcast: error: {path}: no ") and line.endswith(f"give it with {missing}")
    folder = created(podcast("new", str(path), "--episodes", str(episodes), "--number", str(info["number"]),
                             "--title", info["title"].split(": ", 1)[1], "--date", info["date"]), episodes)
    assert folder.name == f"{info['number']:03d}"
    assert (folder / f"issue{path.suffix}").read_bytes() == path.read_bytes()
    assert episode_toml(folder) == {k: info[k] for k in ("number", "title", "date")}


def test_a_saved_web_page_gives_number_title_and_date(tmp_path):
    body = markdown.markdown((CORPUS / "an-097.md").read_text(encoding="utf-8"))
    page = (f"<!DOCTYPE html><html><head><title>{known('an-097.md')['subject']} — AI Alignment Forum</title>"
            f"<meta property=\"article:published_time\" content=\"2020-04-29T17:30:02.000Z\"></head>"
            f"<body><article>{body}</article></body></html>").encode()
    (tmp_path / "post.htm").write_bytes(page)
    episodes = tmp_path / "episodes"
    folder = created(podcast("new", str(tmp_path / "post.htm"), "--episodes", str(episodes)), episodes)
    assert (folder / "issue.html").read_bytes() == page
    assert episode_toml(folder) == {k: known("an-097.md")[k] for k in ("number", "title", "date")}


def test_a_leading_subject_line_in_pasted_text_gives_number_and_title_and_options_win(tmp_path):
    text = ("[AN #99]: Doubling times for the efficiency of AI algorithms\n\n" +
            (CORPUS / "an-099.txt").read_text(encoding="utf-8")).encode()
    (tmp_path / "pasted.txt").write_bytes(text)
    episodes = tmp_path / "episodes"
    done = podcast("new", str(tmp_path / "pasted.txt"), "--episodes", str(episodes), "--date", "2020-05-13")
    assert episode_toml(created(done, episodes)) == AN99
    done = podcast("new", str(tmp_path / "pasted.txt"), "--episodes", str(tmp_path / "other"), "--number", "199",
                   "--title", "A title of my own")
    folder = created(done, tmp_path / "other")
    assert folder.name == "199" and episode_toml(folder)["title"] == "AN #199: A title of my own"
    assert episode_toml(folder)["date"] == dt.date.today().isoformat()  # plain text has no date
    assert "dated today" in done.stderr.decode()


@pytest.mark.parametrize("kind, expected", [("email", "issue.html"), ("html", "issue.html"), ("markdown", "issue.md"),
                                            ("text", "issue.txt")])
def test_standard_input_is_sniffed(tmp_path, kind, expected):
    data = {"email": lambda: newsletter_email("an-098.md"), "html": lambda: newsletter_html("an-098.md").encode(),
            "markdown": lambda: (CORPUS / "an-098.md").read_bytes(),
            "text": lambda: (CORPUS / "an-099.txt").read_bytes()}[kind]()
    episodes = tmp_path / "episodes"
    options = ["--number", "98", "--title", "x"] if kind in ("markdown", "text") else []
    folder = created(podcast("new", "-", "--episodes", str(episodes), *options, stdin=data), episodes)
    assert expected in [p.name for p in folder.iterdir()]
    if kind != "email":
        assert (folder / expected).read_bytes() == data
    else:
        assert (folder / "source.eml").read_bytes() == data
    if kind in ("email", "html"):
        assert episode_toml(folder)["title"] == known("an-098.md")["title"]


def test_an_existing_episode_folder_is_never_overwritten(tmp_path):
    episodes = tmp_path / "episodes"
    (episodes / "100").mkdir(parents=True)
    (episodes / "100" / "episode.toml").write_text("number = 100 # the producer's own\n")
    (tmp_path / "issue.eml").write_bytes(newsletter_email("an-100.md"))
    done = podcast("new", str(tmp_path / "issue.eml"), "--episodes", str(episodes))
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode() == f"podcast: error: {episodes / '100'}: already exists; nothing was changed " \
                                   f"(pick another --number or remove it)\n"
    assert (episodes / "100" / "episode.toml").read_text() == "number = 100 # the producer's own\n"
    assert [p.name for p in episodes.iterdir()] == ["100"] and [p.name for p in (episodes / "100").iterdir()] == [
        "episode.toml"]


@pytest.mark.parametrize("source, problem", [
    (b"Subject: [AN #101]: Nothing here\nFrom: a@example.org\nDate: Wed, 27 May 2020 17:00:00 +0000\n\nHello!\n",
     "does not read as an issue"),
    (b"", "is empty"),
    (b"\xff\xfe\x00binary", "not UTF-8"),
])
def test_what_is_not_an_issue_is_one_line_and_creates_nothing(tmp_path, source, problem):
    episodes = tmp_path / "episodes"
    done = podcast("new", "-", "--episodes", str(episodes), "--number", "101", "--title", "t", stdin=source)
    line = done.stderr.decode()
    assert done.returncode == 1 and line.count("\n") == 1 and "standard input" in line and problem in line, line
    assert not episodes.exists() or not any(episodes.iterdir())


def test_a_missing_source_file_is_one_line(tmp_path):
    done = podcast("new", str(tmp_path / "nope.eml"), "--episodes", str(tmp_path / "episodes"))
    assert done.returncode == 1 and done.stderr.decode() == f"podcast: error: {tmp_path / 'nope.eml'}: file not found\n"
