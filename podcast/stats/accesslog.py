"""Access logs in the Combined Log Format (nginx's default `combined`, Apache's `combined`), plain or
gzip-compressed, parsed by `apachelogs`. A log is hostile input (anyone on the internet writes lines into it):
every field is bounded before anything converts it, and a line that is not a request within those bounds is
counted and named as malformed, never fatal."""
from __future__ import annotations

import datetime as dt
import gzip
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator
from urllib.parse import unquote, urlsplit

from apachelogs import COMBINED, InvalidEntryError, LogParser

from ..errors import InputError

MAX_LINE_CHARS = 32 * 1024
"""nginx writes at most an 8 KB request line and 8 KB per header (large_client_header_buffers); a longer line
is not read at all."""
MAX_TARGET_CHARS = 2048
"""A request target longer than this names nothing the site publishes (its URLs are under 200 characters)."""
MAX_DIGITS = 12
"""The longest run of digits a path may hold: a published name's issue number has at most 4, its hash 10."""
LONG_NUMBER = re.compile(rf"[0-9]{{{MAX_DIGITS + 1},}}")
MAX_BYTES_SENT = 10**12
"""More bytes than a terabyte in one response is not a real line."""
STATUSES = range(100, 600)


@dataclass(frozen=True)
class Request:
    ip: str
    user_agent: str
    time: dt.datetime
    method: str
    path: str
    """The URL path, percent-decoded, without its query."""
    status: int
    bytes_sent: int


@dataclass
class LogReading:
    """What reading the logs found besides the requests."""

    lines: int = 0
    malformed: list[str] = field(default_factory=list)
    """"FILE:LINE" of every line that is not a Combined Log Format request within the bounds above."""


def _open(path: Path) -> IO[str]:
    """The file as text, gunzipped when it starts with gzip's magic bytes (rotated logs: access.log.2.gz)."""
    try:
        with open(path, "rb") as f:
            gzipped = f.read(2) == b"\x1f\x8b"
        opener = gzip.open if gzipped else open
        return opener(path, "rt", encoding="utf-8", errors="replace", newline="")
    except FileNotFoundError:
        raise InputError(path, "no such log file") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None


def _lines(path: Path) -> Iterator[str | None]:
    """The file's lines; None for a line longer than MAX_LINE_CHARS (skipped unread), and once for the rest of
    a file whose compressed data is cut short or corrupt (a rotated log copied while being written)."""
    with _open(path) as f:
        try:
            while line := f.readline(MAX_LINE_CHARS + 1):
                if len(line) <= MAX_LINE_CHARS:
                    yield line
                    continue
                while line and not line.endswith(("\n", "\r")):
                    line = f.readline(MAX_LINE_CHARS)
                yield None
        except (OSError, EOFError, zlib.error):
            yield None


def _path(target: str) -> str | None:
    """The percent-decoded path of a request target (origin form "/a?b" or absolute form "http://h/a"), or
    None when it does not parse (urlsplit raises on a broken IPv6 host: "http://[::1/x")."""
    try:
        return unquote(urlsplit(target).path)
    except ValueError:
        return None


def parse_line(parser: LogParser, line: str) -> Request | None:
    """One request, or None for a line that is not one within the bounds."""
    try:
        entry = parser.parse(line.rstrip("\r\n"))
        method, target, _ = entry.request_line.split(" ", 2)
    except (InvalidEntryError, ValueError, OverflowError, AttributeError):
        # apachelogs converts the numbers and the time: too many digits or a year it cannot hold is ValueError
        return None
    status, sent = entry.final_status, entry.bytes_sent or 0
    if status not in STATUSES or not 0 <= sent <= MAX_BYTES_SENT or entry.request_time is None or not entry.remote_host:
        return None
    if len(target) > MAX_TARGET_CHARS:
        return None
    path = _path(target)
    if path is None or LONG_NUMBER.search(path):
        return None
    return Request(entry.remote_host, entry.headers_in.get("User-Agent") or "", entry.request_time, method, path,
                   status, sent)


def read_logs(paths: list[Path], reading: LogReading) -> Iterator[Request]:
    """Every request of every file in order; malformed lines go into `reading`."""
    parser = LogParser(COMBINED)
    for path in paths:
        for number, line in enumerate(_lines(path), start=1):
            if line is not None and not line.strip():
                continue
            reading.lines += 1
            request = parse_line(parser, line) if line is not None else None
            if request is None:
                reading.malformed.append(f"{path}:{number}")
            else:
                yield request
