"""What reaches a terminal: text that came from an issue, a log or a file name (a Subject, a title, a take's
name, a user agent) may hold control sequences that a terminal would obey (colours, a new window title, a
cleared screen, or worse), so every command prints such text through `printable`; and counts in words, with
their nouns singular for one (`plural`)."""
from __future__ import annotations

import logging
import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, and C1 controls (U+009B is a CSI on its own)."""


def printable(text: str) -> str:
    """text without the control characters a terminal would act on (tab and newline are kept)."""
    return CONTROL.sub("", text)


def one_line(text: str) -> str:
    """printable(text) on one line: an error message stays the one line it is meant to be."""
    return " ".join(printable(text).split("\n"))


def plural(n: int, word: str, words: str | None = None) -> str:
    """A count and its noun, singular for one ("1 episode", "2 episodes", plural(3, "entry", "entries"))."""
    return f"{n} {word if n == 1 else words or word + 's'}"


class PrintableFormatter(logging.Formatter):
    """Log records as printable text (warnings quote the issue they are about)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))
