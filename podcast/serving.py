"""The preview server behind `podcast serve`: the site folder over HTTP on loopback, as a podcast host would
serve it, so apps and browsers can stream from it.

Starlette's StaticFiles does the HTTP work: HEAD, byte ranges (206, and 416 for a range past the end),
conditional requests, and refusing any path that resolves outside the site (symlinks included). This
module adds the content types podcast apps expect, CORS (web players fetch transcripts and chapters from
other origins), and hides dot files (the half-written files of a publish in progress). uvicorn serves it.
bind_loopback opens the studio's socket too."""
from __future__ import annotations

import os
import socket
from pathlib import Path, PurePosixPath

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import FileResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
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


class SiteFiles(StaticFiles):
    """StaticFiles with podcast content types and dot files hidden."""

    def get_path(self, scope: Scope) -> str:
        path = super().get_path(scope)
        if any(part.startswith(".") for part in PurePosixPath(path).parts):
            raise HTTPException(status_code=404)
        return path

    def file_response(self, full_path, stat_result: os.stat_result, scope: Scope, status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        content_type = CONTENT_TYPES.get(Path(full_path).suffix.lower())
        if content_type and isinstance(response, FileResponse):
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
