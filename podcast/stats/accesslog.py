"""Access logs in the Combined Log Format (nginx's default `combined`, Apache's `combined`), plain or
gzip-compressed, parsed by `apachelogs`. A line that does not parse is counted and named, never fatal."""
from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from apachelogs import COMBINED, InvalidEntryError, LogParser

from ..errors import InputError


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
    """"FILE:LINE" of every line that is not a Combined Log Format request."""


def _lines(path: Path) -> Iterator[str]:
    """The file's lines, gunzipped when it starts with gzip's magic bytes (rotated logs: access.log.2.gz)."""
    try:
        with open(path, "rb") as f:
            gzipped = f.read(2) == b"\x1f\x8b"
        opener = gzip.open if gzipped else open
        with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as f:
            yield from f
    except FileNotFoundError:
        raise InputError(path, "no such log file") from None
    except (OSError, EOFError) as e:
        raise InputError(path, f"cannot be read ({getattr(e, 'strerror', None) or e})") from None


def parse_line(parser: LogParser, line: str) -> Request | None:
    """One request, or None for a line that is not one."""
    try:
        entry = parser.parse(line.rstrip("\r\n"))
        method, target, _ = entry.request_line.split(" ", 2)
    except (InvalidEntryError, ValueError, AttributeError):
        return None
    if entry.request_time is None or entry.final_status is None or not entry.remote_host:
        return None
    return Request(entry.remote_host, entry.headers_in.get("User-Agent") or "", entry.request_time, method,
                   unquote(urlsplit(target).path), int(entry.final_status), int(entry.bytes_sent or 0))


def read_logs(paths: list[Path], reading: LogReading) -> Iterator[Request]:
    """Every request of every file in order; malformed lines go into `reading`."""
    parser = LogParser(COMBINED)
    for path in paths:
        for number, line in enumerate(_lines(path), start=1):
            if not line.strip():
                continue
            reading.lines += 1
            request = parse_line(parser, line)
            if request is None:
                reading.malformed.append(f"{path}:{number}")
            else:
                yield request
