"""What an episode's number, date and title may be: the rules `podcast new` and episode.toml's schema apply
alike."""
from __future__ import annotations

import datetime as dt
import re

MAX_ISSUE_NUMBER = 9999
"""Issue numbers are 1 to 9999: the folder and file names hold them, and the newsletter stopped at 173."""
EPISODE_YEARS = range(1990, 2101)
"""An episode dated outside these years is a mistake (the newsletter ran 2018-2022); year 1 would be written
into the feed as a date RFC 822 cannot express."""
UNREADABLE = re.compile(r"[\ufffd\ud800-\udfff]")
"""What a title holds where its source had a byte that is not UTF-8: the replacement character (the email
package's reading), or a lone surrogate (Python's reading of such a byte in a command-line argument)."""


def number_problem(number: int) -> str | None:
    """Why an issue number cannot be an episode's, or None."""
    if 1 <= number <= MAX_ISSUE_NUMBER:
        return None
    return f"issue number {number} is not between 1 and {MAX_ISSUE_NUMBER}"


def date_problem(date: dt.date) -> str | None:
    """Why a date cannot be an episode's, or None."""
    if date.year in EPISODE_YEARS:
        return None
    return f"date {date.isoformat()} is not between {EPISODE_YEARS[0]} and {EPISODE_YEARS[-1]}"


def title_problem(title: str) -> str | None:
    """Why a title cannot be an episode's (blank, or holding a byte that was not UTF-8), or None."""
    if not title.strip():
        return "the title is blank"
    if UNREADABLE.search(title):
        shown = UNREADABLE.sub("\ufffd", title).encode("ascii", "backslashreplace").decode("ascii")
        return f"the title holds a byte that is not UTF-8 text: '{shown}'"
    return None
