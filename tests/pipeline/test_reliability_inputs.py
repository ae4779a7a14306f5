"""Bad input the other tests leave out, through the real CLI: one line naming the file and the problem,
exit 1, no traceback; and HTML whose scripts and styles are never spoken."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.support.show import an99_excerpt, make_episode, run_podcast

SCRIPTED_HTML = """<!DOCTYPE html><html><head><title>AN #99</title>
<style>.secret-style { color: red } body::after { content: "style words" }</style>
<script>var secretScript = "script words"; document.write("tracking pixel");</script></head><body>
<p><strong>HIGHLIGHTS</strong></p>
<p><strong><a href="https://openai.com/blog/ai-and-efficiency/">AI and Efficiency</a></strong> <em>(Danny Hernandez
et al)</em> (summarized by Flo): Compute used for the best results grew fast.<script>alert("inline script words")
</script> This paper presents strong evidence of algorithmic progress.<noscript>noscript words</noscript></p>
<p><strong>Flo's opinion:</strong> Access to compute has surely helped.</p>
<template>template words</template><svg><style>svg style words</style></svg>
</body></html>"""


def one_line_error(done) -> str:
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_ten_megabytes_of_text_are_refused_at_once(show_dir: Path):
    folder = make_episode(show_dir / "episodes" / "099", 99, "")
    text = an99_excerpt()
    (folder / "issue.txt").write_text((text * (10_000_000 // len(text) + 1))[:10_000_000], encoding="utf-8")
    started = time.perf_counter()
    line = one_line_error(run_podcast("build", str(folder), "--site", str(show_dir / "public"), cwd=show_dir))
    assert time.perf_counter() - started < 60
    assert line == f"podcast: error: {folder / 'issue.txt'}: is 10.0 MB; an issue is at most 1 MB (is this the right file?)"
    assert not (show_dir / "public").exists()


def test_html_scripts_and_styles_are_not_spoken(show_dir: Path):
    folder = make_episode(show_dir / "episodes" / "099", 99, "")
    (folder / "issue.txt").unlink()
    (folder / "issue.html").write_text(SCRIPTED_HTML, encoding="utf-8")
    done = run_podcast("script", str(folder), "--format", "json", cwd=show_dir)
    assert done.returncode == 0, done.stderr
    segments = json.loads(done.stdout)
    spoken = " ".join(s["text"] for s in (segments["segments"] if isinstance(segments, dict) else segments))
    assert "algorithmic progress" in spoken and "Access to compute" in spoken
    for hidden in ["script words", "style words", "secret", "tracking pixel", "template words", "alert", "color"]:
        assert hidden not in spoken, hidden


@pytest.mark.parametrize("toml, problem", [
    (b'title = "x"\ndate = 2020-05-13\n', "missing key 'number'"),
    (b'number = 99\ntitle = "x"\n', "missing key 'date'"),
    (b'number = 99\ntitle = 5\ndate = 2020-05-13\n', "title: 5 is not text (in quotes)"),
    (b'number = 99.5\ntitle = "x"\ndate = 2020-05-13\n', "number: 99.5 is not a whole number"),
    (b'number = 99\ntitle = "x"\ndate = 2020-05-13\nlink = ["a"]\n', 'link: ["a"] is not text (in quotes)'),
    (b'number = 99\ntitle = "unterminated\ndate = 2020-05-13\n', "not valid TOML"),
])
def test_bad_episode_toml_stops_the_build_in_one_line(show_dir: Path, toml: bytes, problem: str):
    folder = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt())
    (folder / "episode.toml").write_bytes(toml)
    line = one_line_error(run_podcast("build", str(folder), "--site", str(show_dir / "public"), cwd=show_dir))
    assert line.startswith(f"podcast: error: {folder / 'episode.toml'}: ") and problem in line
    assert not (show_dir / "public").exists()


@pytest.mark.parametrize("key, value, problem", [
    ("base_url", '"https://"', 'base_url: "https://" is not an http(s) URL'),
    ("base_url", "42", "base_url: 42 is not text (in quotes)"),
    ("owner_email", '"podcast@example"', 'owner_email: "podcast@example" is not an email address'),
    ("owner_email", '"a b@c.org"', 'owner_email: "a b@c.org" is not an email address'),
])
def test_bad_show_toml_stops_the_script_in_one_line(show_dir: Path, key: str, value: str, problem: str):
    show = show_dir / "podcast.toml"
    lines = [f"{key} = {value}" if line.startswith(f"{key} =") else line for line in show.read_text().splitlines()]
    show.write_text("\n".join(lines) + "\n")
    folder = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt())
    line = one_line_error(run_podcast("build", str(folder), "--site", str(show_dir / "public"), cwd=show_dir))
    assert line == f"podcast: error: {show}: {problem}"
