"""An issue file or text -> Issue: the file found in an episode folder, its format told by its extension or
its content, and the reader of that format (one module per format) run on it."""
from __future__ import annotations

import logging
import re
import warnings
from importlib import import_module
from pathlib import Path

from ..errors import InputError
from .issue import Issue, NestingError

READERS = {".txt": "plaintext", ".md": "markdown", ".html": "html"}
"""One reader module per format, chosen by the file's extension (Pelican-style), each with its read_<module>;
all return the same Issue. Imported when an issue is read, not with the package: an up-to-date build only
finds the issue file."""
HTML_SIGNS = re.compile(r"<(?:!doctype html|html|body|p|div|table|h[1-6]|a\s+href)\b", re.IGNORECASE)
MARKDOWN_SIGNS = re.compile(r"\]\([^)\s]+\)|^\s{0,3}(?:#{1,6}\s|[=-]{3,}\s*$)|\*\*[^*\n]+\*\*", re.MULTILINE)
FLAT_TEXT_MARKUP = re.compile(r"\[[^\]\n]{1,300}\]\(\s*https?://[^)\s]*\)?"  # a Markdown link
                              r"|(?<!\S)={3,}(?!\S)|^[ \t]*-{3,}[ \t]*$"  # a setext heading's rule
                              r"|\*\*[^*\n]{1,300}\*\*", re.MULTILINE)  # bold
"""Markup that flattened text never holds (the email copied as text loses its links, rules and bold): found in
a file read as flattened text, it is the wrong reader, whose items would be titled "===== **[...](https://...)**"."""
URL_IN_TITLE = re.compile(r"https?://", re.IGNORECASE)
MAX_ISSUE_BYTES = 1_000_000
"""Larger files are refused: real issues are 14-31 kB (corpus/an), a mail's HTML a few hundred kB, and the
readers' time grows faster than linearly (10 MB of issue text would take many minutes to read, then hours
to speak)."""
ESSAY_MIN_WORDS = 200
"""An issue with no items is read as an essay (like AN #84's review) only if it says this much."""

log = logging.getLogger("podcast")

def find_issue_file(episode_dir: Path) -> Path:
    """The episode's source: issue.txt, issue.md or issue.html."""
    found = [episode_dir / f"issue{ext}" for ext in READERS if (episode_dir / f"issue{ext}").exists()]
    if not found:
        names = ", ".join(f"issue{ext}" for ext in READERS)
        raise InputError(episode_dir, f"no issue file found (expected one of {names})")
    if len(found) > 1:
        raise InputError(episode_dir, f"more than one issue file: {', '.join(p.name for p in found)}")
    return found[0]


def detect_format(text: str) -> str:
    """The format of issue text with no telling extension: ".html", ".md" or ".txt"."""
    if HTML_SIGNS.search(text[:20000]):
        return ".html"
    if len(MARKDOWN_SIGNS.findall(text)) >= 3:
        return ".md"
    return ".txt"


def normal_newlines(text: str) -> str:
    """CRLF (a saved email's) and lone CR line endings as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 80 else f"{text[:77]}...")


def flat_text_markup(text: str) -> str | None:
    """What in text meant to be flattened is markup (a link, a heading's rule, bold), said, or None."""
    m = FLAT_TEXT_MARKUP.search(text)
    return f"markup ({_shown(m[0])})" if m else None


def markup_problem(found: str, markdown_hint: str) -> str:
    """Why text is not read as flattened text, and how to have it read as Markdown."""
    return f"was read as flattened text (.txt), but it holds {found}; if it is Markdown, {markdown_hint}"


def read_text(text: str, fmt: str) -> Issue:
    """Parse issue text of a known format (".txt", ".md" or ".html")."""
    module = READERS[fmt]
    return getattr(import_module(f".{module}", __package__), f"read_{module}")(text)


def read_issue(path: Path) -> Issue:
    """Read and parse an issue file; an unreadable, empty or item-less file is an InputError."""
    suffix = path.suffix.lower()
    if suffix not in READERS and suffix not in {".htm", ".markdown", ".text", ""}:
        raise InputError(path, f"unknown issue format {path.suffix!r} (expected {', '.join(READERS)})")
    try:
        size = path.stat().st_size
        if size > MAX_ISSUE_BYTES:
            raise InputError(path, f"is {size / 1e6:.1f} MB; an issue is at most {MAX_ISSUE_BYTES / 1e6:.0f} MB "
                                   f"(is this the right file?)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    if b"\x00" in raw:
        raise InputError(path, "is a binary file, not issue text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"is not UTF-8 text (bad byte at offset {e.start})") from None
    if not text.strip():
        raise InputError(path, "is empty; expected the text of a newsletter issue")
    text = normal_newlines(text)
    fmt = {".htm": ".html", ".markdown": ".md", ".text": ".txt"}.get(suffix, suffix)
    fmt = fmt if fmt in READERS else detect_format(text)
    rename = f"rename it {path.with_suffix('.md').name}"
    if fmt == ".txt" and (markup := flat_text_markup(text)):
        raise InputError(path, markup_problem(markup, rename))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            issue = read_text(text, fmt)
        except NestingError as e:
            raise InputError(path, str(e)) from None
    if fmt == ".txt" and (titled := next((i.title for i in issue.items if URL_IN_TITLE.search(i.title)), None)):
        raise InputError(path, markup_problem(f"a URL in an item's title ({_shown(titled)})", rename))
    for warning in caught:
        log.warning("%s: warning: %s", path, warning.message)
    if not issue.items and sum(len(p.split()) for p in issue.preface) < ESSAY_MIN_WORDS:
        raise InputError(path, "no items found; expected entries like 'Title (Authors) (summarized by Name): ...'")
    return issue
