"""Reading: an issue file (flattened text, Markdown or HTML) -> Issue."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .issue import Issue, Item, Opinion, Skipped
from .plaintext import read_plaintext

READERS = {".txt": read_plaintext}

__all__ = ["Issue", "Item", "Opinion", "Skipped", "find_issue_file", "read_issue"]


def find_issue_file(episode_dir: Path) -> Path:
    """The episode's source: issue.txt, issue.md or issue.html."""
    found = [episode_dir / f"issue{ext}" for ext in READERS if (episode_dir / f"issue{ext}").exists()]
    if not found:
        names = ", ".join(f"issue{ext}" for ext in READERS)
        raise InputError(episode_dir, f"no issue file found (expected one of {names})")
    if len(found) > 1:
        raise InputError(episode_dir, f"more than one issue file: {', '.join(p.name for p in found)}")
    return found[0]


def read_issue(path: Path) -> Issue:
    """Read and parse an issue file; an unreadable, empty or item-less file is an InputError."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(path, f"unknown issue format {path.suffix!r} (expected {', '.join(READERS)})")
    try:
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
    issue = reader(text)
    if not issue.items:
        raise InputError(path, "no items found; expected entries like 'Title (Authors) (summarized by Name): ...'")
    return issue
