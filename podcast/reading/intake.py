"""Intake: the issue as it arrives -> a new episode folder (the source as it came, and its episode.toml).

An issue arrives as an email saved from the mail client (.eml), as the web post (HTML or Markdown) or as
text pasted from the email, or as any of these on standard input. The email is a thin layer over Python's
`email` package, which decodes encoded-word subjects, charsets, transfer encodings and multipart bodies;
this module only reads the newsletter's own conventions off the result: "[AN #100]: Title" in the
Subject, a `<title>` or first heading, or a leading "[AN #NN]" line."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from email.message import EmailMessage
from itertools import islice
from pathlib import Path

from ..episode_rules import MAX_ISSUE_NUMBER, date_problem, number_problem, title_problem
from ..errors import InputError, MissingFieldError
from ..files import place_new_folder
from ..terminal import printable
from .html import parse_html
from .issue import NestingError
from .markdown import render_html
from .read import detect_format, flat_text_markup, markup_problem, normal_newlines, read_issue

HEADLINE = re.compile(r"^\s*(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)*\[?\s*(?:AN|Alignment Newsletter)\s*#\s*([0-9]+)\s*\]?"
                      r"\s*[:\-–—]?\s*(.*?)\s*$", re.IGNORECASE | re.DOTALL)
"""The newsletter's subject line: "[AN #100]: Title", "[AN #84] Title", "Fwd: Re: [AN #100]: Title". The
digits are ASCII: other scripts' digits ("١٠٠") are not read as a number."""
NUMBER_ONLY = re.compile(r"^\W*(?:Alignment\s+)?Newsletter\s+#\s*([0-9]+)(?![0-9])", re.IGNORECASE)
"""A first line that gives only the number, as AN #100's post does: "**Newsletter #100 (!!)**"."""
SITE_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:AI Alignment Forum|LessWrong)\s*$", re.IGNORECASE)
"""What a saved web page's <title> adds after the post's own title."""
DATE_META = ("date", "dcterms.date", "dc.date", "article:published_time", "og:published_time")
HEADLINE_MAX_CHARS = 300
"""A first line longer than this is the issue's text flattened onto one line, not a headline."""
EXTENSIONS = {".eml": ".eml", ".html": ".html", ".htm": ".html", ".md": ".md", ".markdown": ".md",
              ".txt": ".txt", ".text": ".txt"}
EMAIL_HEADER = re.compile(rb"^(?:subject|from|date|to|message-id|mime-version|received|return-path|delivered-to)"
                          rb"[ \t]*:", re.IGNORECASE | re.MULTILINE)
MAX_SOURCE_BYTES = 20_000_000
"""An email with its images inline is a few MB at most."""
MIME_CONTAINER = re.compile(rb"^content-type:\s*(?:multipart|message)/", re.IGNORECASE | re.MULTILINE)
MAX_MIME_CONTAINERS = 50
"""Multipart and message parts an email may have: a newsletter's has two or three, a forward a few more; the
email package parses and walks them recursively (thousands nested ended in a RecursionError), so more are
refused before it parses them."""


@dataclass(frozen=True)
class Found:
    """What a source says of itself; None where it says nothing."""

    number: int | None = None
    title: str | None = None
    """Without the "[AN #NN]:" prefix, control characters taken out."""
    date: dt.date | None = None
    problem: str | None = None
    """Why the number the source gives cannot be an issue's (hundreds of digits), when it cannot."""


@dataclass(frozen=True)
class Arrival:
    """An issue as it arrived, ready to become an episode folder."""

    files: dict[str, bytes]
    """Name in the episode folder -> content: the issue file, and for an email the email itself."""
    found: Found
    source: str
    """How to name the source in messages."""


def clean_title(title: str) -> str:
    """A title as the episode keeps it: control characters (a Subject's terminal escapes) taken out, white
    space single."""
    return " ".join(printable(title).split())


def _found(digits: str, title: str | None = None) -> Found:
    """The number the digits give, bounded by their count before they are converted."""
    if len(digits) > len(str(MAX_ISSUE_NUMBER)):
        shown = digits if len(digits) <= 12 else f"{digits[:8]}... ({len(digits)} digits)"
        return Found(problem=f"issue number {shown} is not between 1 and {MAX_ISSUE_NUMBER}")
    return Found(int(digits), title)


def parse_headline(text: str) -> Found:
    """Number and title from a subject, page title or first line, if it names the issue."""
    text = clean_title(SITE_SUFFIX.sub("", text))
    if m := HEADLINE.match(text):
        return _found(m[1], m[2].strip() or None)
    if m := NUMBER_ONLY.match(text):
        return _found(m[1])
    return Found()


def first_found(candidates: list[str]) -> Found:
    """The first candidate that gives a number (or one that cannot be); it gives the title too, if it has one."""
    for candidate in candidates:
        found = parse_headline(candidate)
        if found.number is not None or found.problem:
            return found
    return Found()


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None


def from_html(html: str) -> Found:
    """<title>, else the first heading, else the first block of text; the date from a <meta> tag."""
    soup = parse_html(html)
    candidates = [soup.title.get_text() if soup.title else ""]
    candidates += [tag.get_text(" ") for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"], limit=1)]
    candidates += [tag.get_text(" ") for tag in soup.find_all(["p", "div", "td"], limit=1)]
    metas = {(m.get("name") or m.get("property") or "").lower(): m.get("content") for m in soup.find_all("meta")}
    date = next((d for key in DATE_META if (d := _date(metas.get(key)))), None)
    return replace(first_found([c for c in candidates if len(c) <= HEADLINE_MAX_CHARS]), date=date)


def from_markdown(text: str) -> Found:
    """As the rendered HTML's first heading or first paragraph; Markdown has no date of its own."""
    return from_html(render_html(text))


def from_text(text: str) -> Found:
    """A leading "[AN #NN]: Title" line; plain text has no date."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return first_found([first] if len(first) <= HEADLINE_MAX_CHARS else [])


def from_email(raw: bytes, source: str) -> Arrival:
    """Number and title from the Subject, date from the Date header; the HTML part as issue.html, else the
    plain-text part told apart as standard input is (a forwarded post's Markdown as issue.md, flattened text
    as issue.txt), its line endings LF; the email itself kept beside it as source.eml."""
    if sum(1 for _ in islice(MIME_CONTAINER.finditer(raw), MAX_MIME_CONTAINERS + 1)) > MAX_MIME_CONTAINERS:
        raise InputError(source, f"is an email of more than {MAX_MIME_CONTAINERS} multipart or message parts "
                                 f"(nested, or many); an issue's has a few")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise InputError(source, "is an email with neither an HTML nor a plain-text part")
    try:
        content = body.get_content()
    except (LookupError, ValueError) as e:
        raise InputError(source, f"its {body.get_content_type()} part cannot be decoded ({e})") from None
    found = parse_headline(str(message.get("subject", "")))
    try:
        date = message["date"].datetime.date() if message["date"] is not None else None
    except (AttributeError, TypeError, ValueError):
        date = None
    content = normal_newlines(content)
    if body.get_content_subtype() == "html":
        fmt = ".html"
    else:
        fmt = sniffed(content, source, "save the email's text as a .md file and give that")
    return Arrival({f"issue{fmt}": content.encode("utf-8"), "source.eml": raw}, replace(found, date=date), source)


def looks_like_email(raw: bytes) -> bool:
    """Headers first (Subject:, From:, Date: ...), then a blank line: a saved email."""
    head = raw[:8192].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return raw[:1] not in (b"<", b"#", b" ", b"\n") and len(EMAIL_HEADER.findall(head)) >= 2


def sniffed(text: str, source: str, markdown_hint: str) -> str:
    """The format of text that came with no telling name (standard input, a .txt file, an email's plain-text
    part): HTML or Markdown by their signs, else flattened text, which must hold no markup."""
    fmt = detect_format(text)
    if fmt == ".txt" and (markup := flat_text_markup(text)):
        raise InputError(source, markup_problem(markup, markdown_hint))
    return fmt


def arrive(raw: bytes, source: str, extension: str | None) -> Arrival:
    """Read a source of the given extension (None: standard input). Standard input and .txt files are told
    apart by their content (pasted Markdown is kept as issue.md); line endings are kept as LF."""
    fmt = EXTENSIONS.get(extension or "")
    if extension and fmt is None:
        raise InputError(source, f"unknown format {extension!r} (expected one of {', '.join(sorted(EXTENSIONS))})")
    if fmt == ".eml" or (fmt is None and looks_like_email(raw)):
        return from_email(raw, source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(source, f"is not UTF-8 text (bad byte at offset {e.start})") from None
    if "\r" in text:
        text = normal_newlines(text)
        raw = text.encode("utf-8")
    if fmt in (None, ".txt"):
        fmt = sniffed(text, source, "save it as a .md file and give that" if extension is None
                      else f"rename it {Path(source).with_suffix('.md').name}")
    try:
        found = {".html": from_html, ".md": from_markdown, ".txt": from_text}[fmt](text)
    except NestingError as e:
        raise InputError(source, str(e)) from None
    return Arrival({f"issue{fmt}": raw}, found, source)


def episode_title(number: int, title: str) -> str:
    """"AN #100: Title", as the episode folders write it, whether or not the title came with its prefix."""
    headline = parse_headline(title)
    return f"AN #{number}: {headline.title if headline.number == number and headline.title else title.strip()}"


def episode_toml(number: int, title: str, date: dt.date) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \uXXXX for control characters).
    return f"number = {number}\ntitle = {json.dumps(title, ensure_ascii=False)}\ndate = {date.isoformat()}\n"


def settle(found: Found, source: str, number: int | None, title: str | None, date: dt.date | None,
           today: dt.date) -> tuple[int, str, dt.date]:
    """The options over what the source says; a number or title found nowhere is an error naming its
    option, one that cannot be an episode's (out of range, blank, with a byte that is not UTF-8, a date
    outside EPISODE_YEARS) an error naming the problem. With no date anywhere the episode is dated today."""
    if number is None and found.problem:
        raise MissingFieldError(source, found.problem, "--number")
    number = number if number is not None else found.number
    if number is None:
        raise MissingFieldError(source, "no issue number found (no '[AN #NN]' subject, title or first line)",
                                "--number")
    title = clean_title(title) if title is not None else found.title
    if title is None:
        raise MissingFieldError(source, "no title found (no '[AN #NN]: Title' subject, title or first line)",
                                "--title")
    date = date or found.date or today
    problem = number_problem(number) or title_problem(title) or date_problem(date)
    if problem:
        raise InputError(source, problem)
    return number, episode_title(number, title), date


def create_episode(arrival: Arrival, episodes: Path, number: int, title: str, date: dt.date) -> Path:
    """Write the episode folder EPISODES/NNN in one step: built beside it, checked to read as an issue,
    then renamed into place; an existing folder is never touched."""
    folder = episodes / f"{number:03d}"
    if folder.exists():
        raise InputError(folder, "already exists; nothing was changed (pick another --number or remove it)")
    episodes.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=episodes, prefix=f".{number:03d}.", suffix=".new"))
    try:
        for name, data in {**arrival.files, "episode.toml": episode_toml(number, title, date).encode()}.items():
            (work / name).write_bytes(data)
        issue = next(work / name for name in arrival.files if name.startswith("issue."))
        try:
            read_issue(issue)
        except InputError as e:
            raise InputError(arrival.source, f"does not read as an issue: {e.problem}") from None
        os.chmod(work, 0o755)
        try:
            place_new_folder(work, folder)  # fails if a folder with files appeared meanwhile
        except OSError:
            raise InputError(folder, "already exists; nothing was changed (pick another --number or remove it)") from None
    finally:
        if work.exists():
            for path in work.iterdir():
                path.unlink()
            work.rmdir()
    return folder
