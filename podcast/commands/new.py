"""podcast new SOURCE [--number N] [--title T] [--date YYYY-MM-DD] [--episodes DIR]: a new episode folder in the
show's episodes/ (wherever it is run from) from the issue as it arrives (a saved email, the web post's HTML or
Markdown, pasted text, or `-` for standard input); prints the folder's path. Never overwrites an episode."""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import sys
from pathlib import Path

from ..errors import InputError
from .paths import EPISODES, show_episodes_folder

log = logging.getLogger("podcast")


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2020-05-20") from None


def issue_number(value: str, source: str) -> int:
    """--number's value: up to 4 of the digits 0-9 (str.isdigit() takes other scripts' digits too, "١٠٠");
    settle() checks the range, as it does for a number the source gives."""
    if not re.fullmatch(r"[0-9]{1,4}", value):
        raise InputError(source, f"--number {value!r} is not an issue number (1 to 9999, in the digits 0-9)")
    return int(value)


def read_source(source: str) -> tuple[bytes, str, str | None]:
    """The source's bytes, its name for messages and its extension (None for standard input)."""
    from ..reading.intake import MAX_SOURCE_BYTES

    if source == "-":
        return sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1), "standard input", None
    path = Path(source)
    try:
        with path.open("rb") as f:
            return f.read(MAX_SOURCE_BYTES + 1), str(path), path.suffix.lower()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; give the issue's file") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None


def run(args) -> None:
    from ..reading.intake import MAX_SOURCE_BYTES, arrive, create_episode, settle

    raw, name, extension = read_source(args.source)
    if len(raw) > MAX_SOURCE_BYTES:
        raise InputError(name, f"is over {MAX_SOURCE_BYTES // 1_000_000} MB; is this the issue?")
    if not raw.strip():
        raise InputError(name, "is empty; expected the issue (an email, HTML, Markdown or text)")
    number = issue_number(args.number, name) if args.number is not None else None
    arrival = arrive(raw, name, extension)
    number, title, date = settle(arrival.found, name, number, args.title, args.date, dt.date.today())
    if args.date is None and arrival.found.date is None:
        log.info("%s: no date in it; dated today, %s (--date sets another)", name, date.isoformat())
    episodes = args.episodes or show_episodes_folder(args.show) or Path(EPISODES)
    folder = create_episode(arrival, episodes, number, title, date)
    log.info("%s: %s, %s", folder, title, date.isoformat())
    print(folder)


def register(sub) -> None:
    p = sub.add_parser("new", help="a new episode folder from the issue as it arrives (.eml, .html, .md, .txt or -)")
    p.add_argument("source", metavar="SOURCE", help="the issue: a saved email (.eml), .html, .md or .txt; - reads "
                                                    "standard input")
    p.add_argument("--number", help="the issue number (default: from the subject or title)")
    p.add_argument("--title", help="the episode title (default: from the subject or title)")
    p.add_argument("--date", type=iso_date, help="the date, YYYY-MM-DD (default: the email's Date, else today)")
    p.add_argument("--episodes", type=Path, metavar="DIR",
                   help="where episode folders live (default: the show's episodes/ folder, beside the podcast.toml "
                        "at or above the current folder; else ./episodes)")
    p.set_defaults(run=run)
