"""Intake reads what it is given: an email's plain-text body and a .txt file are told apart by their content
as standard input is (a forwarded post's Markdown is kept as issue.md), line endings come out LF, and text
read as flattened text that holds markup (a link, a heading's rule, bold, a URL in a title) is refused with one
line naming the reader tried and how to have it read as Markdown."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.emails import AN99, known, newsletter_email
from tests.support.show import AN99 as AN99_TEXT, CORPUS, REPO, make_episode

MARKUP_SIGNS = ("==========", "](http", "**")


def podcast(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "podcast", "--show", str(REPO / "podcast.toml"), *args], cwd=REPO,
                          input=stdin, capture_output=True, timeout=300)


def new(source: str, episodes: Path, *options: str, stdin: bytes | None = None) -> Path:
    done = podcast("new", source, "--episodes", str(episodes), *options, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.decode().strip())


def script(folder: Path) -> dict:
    done = podcast("script", str(folder), "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def one_line_error(done: subprocess.CompletedProcess) -> str:
    line = done.stderr.decode()
    assert done.returncode == 1 and line.count("\n") == 1 and line.startswith("podcast: error: "), line
    return line


def test_an_email_whose_plain_text_is_markdown_is_kept_as_markdown_and_scripts_like_the_post(tmp_path):
    raw = newsletter_email("an-100.md", html=False)  # a forwarded post: its text part is the post's Markdown
    assert b"\r\n" in raw and b"text/html" not in raw
    (tmp_path / "forward.eml").write_bytes(raw)
    folder = new(str(tmp_path / "forward.eml"), tmp_path / "episodes")
    assert sorted(p.name for p in folder.iterdir()) == ["episode.toml", "issue.md", "source.eml"]
    kept = (folder / "issue.md").read_bytes()
    assert b"\r" not in kept
    assert kept.decode().strip() == (CORPUS / "an-100.md").read_text(encoding="utf-8").strip()

    info = known("an-100.md")
    by_hand = make_episode(tmp_path / "by-hand" / "100", 100, "", info["title"], info["date"])
    (by_hand / "issue.txt").unlink()
    (by_hand / "issue.md").write_bytes((CORPUS / "an-100.md").read_bytes())
    arrived, placed = script(folder), script(by_hand)
    assert [(s["id"], s["chapter"], s["text"]) for s in arrived["segments"]] == [
        (s["id"], s["chapter"], s["text"]) for s in placed["segments"]]
    chapters = {s["chapter"] for s in arrived["segments"]}
    assert not [c for c in chapters if any(sign in c for sign in MARKUP_SIGNS)], chapters


def test_an_email_whose_plain_text_is_flattened_text_is_kept_as_text_with_lf_endings(tmp_path):
    raw = newsletter_email("an-099.txt", html=False)
    assert b"\r\n" in raw
    (tmp_path / "an-99.eml").write_bytes(raw)
    folder = new(str(tmp_path / "an-99.eml"), tmp_path / "episodes")
    assert sorted(p.name for p in folder.iterdir()) == ["episode.toml", "issue.txt", "source.eml"]
    kept = (folder / "issue.txt").read_bytes()
    assert b"\r" not in kept and kept.decode().strip() == AN99_TEXT.read_text(encoding="utf-8").strip()
    assert len(script(folder)["segments"]) > 20
    assert (folder / "episode.toml").read_text().startswith(f"number = {AN99['number']}\n")


def test_a_txt_file_holding_markdown_is_kept_as_markdown_with_lf_endings(tmp_path):
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes((CORPUS / "an-098.md").read_bytes().replace(b"\n", b"\r\n"))
    folder = new(str(pasted), tmp_path / "episodes", "--number", "98", "--title", "t")
    assert sorted(p.name for p in folder.iterdir()) == ["episode.toml", "issue.md"]
    assert (folder / "issue.md").read_bytes() == (CORPUS / "an-098.md").read_bytes()


def flat_with(markup: str) -> str:
    """AN #99's flattened text with its first item's title written with markup."""
    text = AN99_TEXT.read_text(encoding="utf-8")
    assert "AI and Efficiency (Danny" in text
    return text.replace("AI and Efficiency (Danny", f"{markup} (Danny", 1)


@pytest.mark.parametrize("markup, shown", [
    ("**[AI and Efficiency](https://openai.com/blog/ai-and-efficiency)**",
     "markup ('**[AI and Efficiency](https://openai.com/blog/ai-and-efficiency)**')"),
    ("[AI and Efficiency](https://openai.com/blog/ai-and-efficiency)",
     "markup ('[AI and Efficiency](https://openai.com/blog/ai-and-efficiency)')"),
    ("========== AI and Efficiency", "markup ('==========')"),
    ("**AI and Efficiency**", "markup ('**AI and Efficiency**')"),
    ("AI and Efficiency https://openai.com/blog/ai-and-efficiency",
     "a URL in an item's title ('AI and Efficiency https://openai.com/blog/ai-and-efficiency')"),
])
def test_flattened_text_with_markup_is_refused_with_one_line_saying_how_to_read_it_as_markdown(tmp_path, markup,
                                                                                                 shown):
    folder = make_episode(tmp_path / "099", 99, flat_with(markup))
    assert one_line_error(podcast("script", str(folder))) == (
        f"podcast: error: {folder / 'issue.txt'}: was read as flattened text (.txt), but it holds {shown}; "
        f"if it is Markdown, rename it issue.md\n")


def test_new_refuses_text_with_markup_it_cannot_take_for_markdown_and_writes_nothing(tmp_path):
    episodes = tmp_path / "episodes"
    text = flat_with("**[AI and Efficiency](https://openai.com/blog/ai-and-efficiency)**").encode()
    done = podcast("new", "-", "--episodes", str(episodes), "--number", "99", "--title", "t", stdin=text)
    assert one_line_error(done).endswith("if it is Markdown, save it as a .md file and give that\n")
    (tmp_path / "pasted.txt").write_bytes(text)
    done = podcast("new", str(tmp_path / "pasted.txt"), "--episodes", str(episodes), "--number", "99", "--title", "t")
    assert one_line_error(done).endswith("if it is Markdown, rename it pasted.md\n")
    assert not episodes.exists() or not any(episodes.iterdir())
