"""The preview server behind `podcast serve`: the site folder over HTTP on loopback, as a podcast host would
serve it, so apps and browsers can stream from it.

Starlette's StaticFiles does the HTTP work: HEAD, byte ranges, conditional requests, and refusing any path
that resolves outside the site (symlinks included). This module adds the content types podcast apps expect,
CORS (web players fetch transcripts and chapters from other origins), hides dot files (the half-written files
of a publish in progress) and reads the Range header as RFC 9110 §14 says: one it cannot parse (or of another
unit) is ignored, so the whole file comes back with 200; a valid one is answered with the ranges that lie in
the file (206), or 416 when none does. uvicorn serves it. bind_loopback opens the studio's socket too."""
from __future__ import annotations

import os
import re
import socket
from pathlib import Path, PurePosixPath

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import FileResponse, RangeNotSatisfiable, Response
from starlette.routing import Mount
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

from .errors import PublishError

CONTENT_TYPES = {
    ".xml": "application/rss+xml",
    ".mp3": "audio/mpeg",
    ".opus": "audio/ogg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}
"""By file suffix; the only XML files in a site are feeds. Other suffixes fall back to mimetypes."""
LOOPBACK = "127.0.0.1"
MAX_RANGES = 100
"""More ranges than this in one request are ignored (RFC 9110 §14.2 allows it): the whole file instead."""
RANGE_SPEC = re.compile(r"(\d*)-(\d*)")


def _order(digits: str) -> tuple[int, str]:
    """A sort key giving a decimal number's order without converting it (thousands of digits cost nothing)."""
    digits = digits.lstrip("0") or "0"
    return len(digits), digits


def byte_ranges(header: str, size: int) -> list[tuple[int, int]] | None:
    """The byte ranges (start, end exclusive; sorted, overlaps merged) a Range header asks for in a file of
    `size` bytes, read as RFC 9110 §14.1.2 defines it: None when the header is to be ignored (not `bytes`, a
    range-spec that is not one, a last-pos before its first-pos, too many ranges, an empty file); an empty
    list when it is valid but no range lies in the file (416)."""
    unit, equals, ranges_text = header.partition("=")
    specs = [spec for part in ranges_text.split(",") if (spec := part.strip(" \t"))]
    if not equals or unit.strip().lower() != "bytes" or not specs or len(specs) > MAX_RANGES or size == 0:
        return None
    whole = _order(str(size))
    ranges = []
    for spec in specs:
        match = RANGE_SPEC.fullmatch(spec)
        if not match or not any(match.groups()):
            return None
        first, last = match.groups()
        if first and last and _order(last) < _order(first):
            return None
        if first and _order(first) < whole:  # int-range: from first-pos, at most to the end
            ranges.append((int(first), size if not last or _order(last) >= whole else int(last) + 1))
        elif not first and _order(last) > (1, "0"):  # suffix-range: the last suffix-length bytes
            ranges.append((0 if _order(last) >= whole else size - int(last), size))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class SiteFile(FileResponse):
    """A file whose Range header is read by byte_ranges."""

    @classmethod
    def _parse_range_header(cls, http_range: str, file_size: int) -> list[tuple[int, int]]:
        ranges = byte_ranges(http_range, file_size)
        if ranges is None:
            return []  # Starlette's "no range": the whole file, 200
        if not ranges:
            raise RangeNotSatisfiable(file_size)
        return ranges


class SiteFiles(StaticFiles):
    """StaticFiles with podcast content types, dot files hidden and Range read by byte_ranges."""

    def get_path(self, scope: Scope) -> str:
        path = super().get_path(scope)
        if any(part.startswith(".") for part in PurePosixPath(path).parts):
            raise HTTPException(status_code=404)
        return path

    def file_response(self, full_path, stat_result: os.stat_result, scope: Scope, status_code: int = 200) -> Response:
        response = SiteFile(full_path, status_code=status_code, stat_result=stat_result)
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        content_type = CONTENT_TYPES.get(Path(full_path).suffix.lower())
        if content_type:
            charset = "; charset=utf-8" if content_type.startswith("text/") or content_type.endswith("xml") else ""
            response.headers["content-type"] = content_type + charset
        return response


def site_app(site: Path) -> Starlette:
    """The ASGI app serving the site folder; CORS open to every origin for GET and HEAD."""
    cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD"], allow_headers=["Range"],
                      expose_headers=["Accept-Ranges", "Content-Length", "Content-Range"])
    return Starlette(routes=[Mount("/", app=SiteFiles(directory=site, html=True))], middleware=[cors])


def bind_loopback(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (port 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as e:
        sock.close()
        raise PublishError(f"port {port}: cannot listen on {LOOPBACK} ({e.strerror})") from None
    sock.listen(128)
    return sock


def serve(site: Path, sock: socket.socket) -> None:
    """Serve the site on an already bound socket until interrupted."""
    config = uvicorn.Config(site_app(site), log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
