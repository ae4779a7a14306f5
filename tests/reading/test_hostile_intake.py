"""`podcast new` on what a careless sender or an attacker could mail: numbers of hundreds of digits or in other
scripts' digits, dates of year 1, blank titles, bytes that are not UTF-8, MIME and HTML nested thousands deep.
Each is one line naming the source and what is wrong, a non-zero exit, and nothing written. Control sequences
in a Subject (terminal escapes) are taken out of the title, and no command prints one to the terminal."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import markdown
import pytest

from tests.support.show import CORPUS, REPO

ISSUE_MD = (CORPUS / "an-100.md").read_text(encoding="utf-8")
ISSUE_HTML = markdown.markdown(ISSUE_MD)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def podcast(*args: str | bytes, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "podcast", *args], cwd=cwd, capture_output=True, timeout=300)


def mail(subject: bytes, date: bytes = b"Wed, 20 May 2020 17:00:00 +0000", body: str = ISSUE_HTML,
         content_type: bytes = b"text/html; charset=utf-8") -> bytes:
    return (b"Subject: " + subject + b"\r\nFrom: Rohin Shah <rohin@example.org>\r\nDate: " + date +
            b"\r\nMIME-Version: 1.0\r\nContent-Type: " + content_type + b"\r\n\r\n" + body.encode("utf-8"))


def nested_mime(depth: int) -> bytes:
    body = b"Content-Type: text/html; charset=utf-8\r\n\r\n" + ISSUE_HTML.encode() + b"\r\n"
    for i in range(depth):
        body = (f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode() + body +
                f"--b{i}--\r\n".encode())
    return b"Subject: [AN #100]: Deep\r\nFrom: a@example.org\r\nMIME-Version: 1.0\r\n" + body


DEEP_HTML = f"<html><head><title>[AN #100]: Deep</title></head><body>{'<div>' * 5000}<p>x</p>{'</div>' * 5000}</body></html>"
DEEP_LIST = "# [AN #100]: Deep lists\n\n" + "".join("    " * i + "- item\n" for i in range(1000))
DEEP_QUOTE = "# [AN #100]: Deep quotes\n\n" + "> " * 3000 + "text\n\n" + ISSUE_MD


# (file name, content, options) -> (exit code, what the line says)
REFUSED = {
    "a Subject with a byte that is not UTF-8": (
        "bad-byte.eml", mail(b"[AN #100]: What might go \xff wrong"), (), 1,
        r"the title holds a byte that is not UTF-8 text: 'What might go \ufffd wrong'"),
    "a --title with a byte that is not UTF-8": (
        "issue.eml", mail(b"[AN #100]: Fine"), (b"--title", b"Bad \xff title"), 1,
        r"the title holds a byte that is not UTF-8 text: 'Bad \ufffd title'"),
    "a Subject number of 300 digits": (
        "digits.eml", mail(b"[AN #" + b"9" * 300 + b"]: Title"), (), 2,
        "issue number 99999999... (300 digits) is not between 1 and 9999; give it with --number"),
    "a Subject number of 5000 digits": (
        "digits.eml", mail(b"[AN #" + b"7" * 5000 + b"]: Title"), (), 2,
        "issue number 77777777... (5000 digits) is not between 1 and 9999; give it with --number"),
    "a Subject number of five digits": (
        "digits.eml", mail(b"[AN #12345]: Title"), (), 2, "issue number 12345 is not between 1 and 9999"),
    "a Subject number in Arabic-Indic digits": (
        "arabic.eml", mail("[AN #١٠٠]: Title".encode()), (), 2, "no issue number found"),
    "a --number in Arabic-Indic digits": (
        "issue.eml", mail(b"[AN #100]: Title"), ("--number", "١٠٠"), 1,
        "--number '١٠٠' is not an issue number (1 to 9999, in the digits 0-9)"),
    "a --number of five digits": (
        "issue.eml", mail(b"[AN #100]: Title"), ("--number", "99999"), 1,
        "--number '99999' is not an issue number (1 to 9999, in the digits 0-9)"),
    "a --number of 0": (
        "issue.eml", mail(b"[AN #100]: Title"), ("--number", "0"), 1, "issue number 0 is not between 1 and 9999"),
    "a --date of year 1": (
        "issue.eml", mail(b"[AN #100]: Title"), ("--date", "0001-01-01"), 1,
        "date 0001-01-01 is not between 1990 and 2100"),
    "a Date header of 1800": (
        "old.eml", mail(b"[AN #100]: Title", date=b"Wed, 01 Jan 1800 00:00:00 +0000"), (), 1,
        "date 1800-01-01 is not between 1990 and 2100"),
    "a page dated year 1": (
        "page.html", f'<html><head><title>[AN #100]: Title</title><meta name="date" content="0001-01-01"></head>'
                     f"<body>{ISSUE_HTML}</body></html>".encode(), (), 1,
        "date 0001-01-01 is not between 1990 and 2100"),
    "a blank --title": (
        "issue.eml", mail(b"[AN #100]: Title"), ("--number", "304", "--title", "   "), 1, "the title is blank"),
    "a --title of control characters only": (
        "issue.eml", mail(b"[AN #100]: Title"), ("--title", "\x1b\x07\t"), 1, "the title is blank"),
    "MIME nested 2000 deep": (
        "deep.eml", nested_mime(2000), (), 1,
        "is an email of more than 50 multipart or message parts (nested, or many); an issue's has a few"),
    "HTML nested 5000 deep": (
        "deep.html", DEEP_HTML.encode(), (), 1,
        "its HTML nests elements more than 100 deep (<div> inside 100 others); an issue's nest a few dozen at most"),
    "an email's HTML nested 5000 deep": (
        "deep-html.eml", mail(b"[AN #100]: Deep", body=DEEP_HTML), (), 1,
        "does not read as an issue: its HTML nests elements more than 100 deep"),
    "Markdown lists nested 1000 deep": (
        "deep.md", DEEP_LIST.encode(), (), 1,
        "a line of its Markdown is indented 404 columns (lists nested 101 deep); an issue's nest a few at most"),
    "Markdown quotes nested 3000 deep": (
        "quotes.md", DEEP_QUOTE.encode(), (), 1, "its HTML nests elements more than 100 deep (<blockquote>"),
}


@pytest.mark.parametrize("name, content, options, code, problem", REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_source_or_option_is_one_line_and_writes_nothing(tmp_path, name, content, options, code, problem):
    source = tmp_path / name
    source.write_bytes(content)
    episodes = tmp_path / "episodes"
    done = podcast("new", str(source), "--episodes", str(episodes), *options)
    line = done.stderr.decode("utf-8", "backslashreplace")
    assert (done.returncode, line.count("\n")) == (code, 1), line
    assert line.startswith(f"podcast: error: {source}: ") and problem in line, line
    assert done.stdout == b"" and (not episodes.exists() or not any(episodes.iterdir()))


ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\x1b[31m"
"""Clear the screen, set the window's title, C1 CSI, red."""


def test_control_sequences_in_a_subject_are_taken_out_and_never_printed(tmp_path):
    subject = f"[AN #100]: What {ESCAPES}might go wrong".encode()
    encoded = b"=?utf-8?b?" + __import__("base64").b64encode(subject) + b"?="
    (tmp_path / "issue.eml").write_bytes(mail(encoded))
    episodes = tmp_path / "episodes"
    done = podcast("new", str(tmp_path / "issue.eml"), "--episodes", str(episodes))
    assert done.returncode == 0, done.stderr
    assert not CONTROL.search(done.stdout.decode() + done.stderr.decode())
    title = tomllib.loads((episodes / "100" / "episode.toml").read_text(encoding="utf-8"))["title"]
    assert title == "AN #100: What [2J]0;owned31m[31mmight go wrong"

    # A title written by hand into episode.toml, and an issue whose text holds the same: `script` prints neither.
    folder = episodes / "100"
    (folder / "episode.toml").write_text(f'number = 100\ntitle = "AN #100: {json.dumps(ESCAPES)[1:-1]}x"\n'
                                         f"date = 2020-05-20\n", encoding="utf-8")
    html = (folder / "issue.html").read_text(encoding="utf-8").replace("Pitfalls of learning", f"Pitfalls{ESCAPES} of learning")
    (folder / "issue.html").write_text(html, encoding="utf-8")
    for fmt in ("md", "json"):
        done = podcast("--show", str(REPO / "podcast.toml"), "script", str(folder), "--format", fmt)
        assert done.returncode == 0, done.stderr
        assert not CONTROL.search(done.stdout.decode().replace("\n", "")), fmt
    assert "AN #100: [2J]0;owned31m[31mx" in podcast("--show", str(REPO / "podcast.toml"), "script",
                                                     str(folder)).stdout.decode()


def test_stats_prints_no_control_sequence_from_a_catalog_title(tmp_path):
    from podcast.publishing.catalog import Catalog, EpisodeEntry

    site = tmp_path / "public"
    site.mkdir()
    catalog = Catalog(site / "catalog.json", {})
    catalog.publish(EpisodeEntry(99, "g", f"AN #99: {ESCAPES}Doubling", "2020-05-13", "d", None,
                                 "episodes/099/alignment-newsletter-099-episode-852a2101db.mp3", 10_000_000, 600.0))
    (site / "catalog.json").write_bytes(catalog.to_json())
    log = tmp_path / "access.log"
    log.write_text('198.51.100.1 - - [13/May/2020:10:00:00 +0000] "GET /episodes/099/alignment-newsletter-099-'
                   'episode-852a2101db.mp3 HTTP/1.1" 200 10000000 "-" "Overcast/3.0"\n', encoding="utf-8")
    for fmt in ("table", "json", "csv"):
        done = podcast("--show", str(REPO / "podcast.toml"), "stats", "--log", str(log), "--site", str(site),
                       "--format", fmt)
        assert done.returncode == 0, done.stderr
        out = done.stdout.decode()
        assert "Doubling" in out and not CONTROL.search(out.replace("\n", "")), (fmt, out)


def test_an_error_naming_hostile_text_is_still_one_printable_line(tmp_path):
    folder = tmp_path / "episodes" / "0\x1b[2J\n99"
    folder.mkdir(parents=True)
    done = podcast("--show", str(REPO / "podcast.toml"), "script", str(folder))
    line = done.stderr.decode()
    assert done.returncode == 1 and line.count("\n") == 1 and not CONTROL.search(line.rstrip("\n")), line
    assert "0[2J 99" in line
