"""The studio's web app (Starlette, served by uvicorn on loopback): the page, the take and pickup uploads with
their verdicts, and the audio to play back.

Access is Jupyter's scheme: a fresh random token is printed in the URL; the first visit trades the query token
for an HttpOnly cookie (and is redirected to the bare address, so the token leaves the address bar); every
request without a valid token gets 403. The cookie is named after the studio's port: browsers share cookies
across the ports of one host, so two studios open at once each keep their own. Requests naming another host
than loopback are refused too (a web page elsewhere cannot reach the studio through DNS rebinding).

Every error, from the API's own refusals to a route that does not exist or a failure inside the studio, is
JSON `{"error": "..."}` with one line the page shows in words."""
from __future__ import annotations

import io
import secrets
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ..audio import SegmentAudio, float_to_pcm16
from ..folders import FULL_TAKE, EpisodeFolder
from ..narration import SegmentStatus, assess_take, assess_takes
from ..narration.decoding import longest_take_s
from ..narration.transcripts import Transcripts
from ..scripting import Script
from ..voicing.lexicon import Lexicon
from .page import render_page
from .uploads import (MAX_TAKE_BYTES, UploadError, check_audio, check_id, store_pickup, store_take, take_file,
                      take_to_play)

ASSETS = Path(__file__).parent / "assets"
CONTENT_TYPES = {".webm": "audio/webm", ".ogg": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav",
                 ".flac": "audio/flac", ".mp3": "audio/mpeg", ".m4a": "audio/mp4"}


@dataclass
class Studio:
    """One episode in the studio: its script, the TTS the episode uses now, and the takes' verdicts."""

    folder: Path
    title: str
    script: Script
    tts: list[SegmentAudio]
    recognition: Path
    """The recognition cache folder (the build's, CacheDirs.recognition)."""
    lexicon: Lexicon
    """Its respellings are shown in the text."""
    statuses: dict[str, SegmentStatus] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    """One verdict at a time: the recogniser is one decoder."""

    @property
    def files(self) -> EpisodeFolder:
        return EpisodeFolder(self.folder)

    def refresh(self) -> None:
        """Every segment's status, as `podcast status` reports it."""
        with self.lock:
            result = assess_takes(self.folder, self.script, self.tts, self.recognition, self.lexicon.respell)
            self.statuses = {s.segment_id: s for s in result.statuses}

    def receive(self, segment_id: str, data: bytes) -> dict:
        """Store an uploaded take of segment_id and judge it; UploadError when it is refused (nothing written)."""
        suffix, decoded = check_audio(data, longest_take_s(self.tts, segment_id))
        take = {"take_s": round(len(decoded.samples) / decoded.sample_rate, 2)}
        with self.lock:
            path, moved = store_take(self.files, segment_id, data, suffix)
            if segment_id == FULL_TAKE:
                result = assess_takes(self.folder, self.script, self.tts, self.recognition, self.lexicon.respell)
                self.statuses = {s.segment_id: s for s in result.statuses}
                return {"segments": [s.as_json() for s in result.statuses], **take,
                        "earlier": [str(p.relative_to(self.folder)) for p in moved]}
            status = assess_take(self.folder, self.script, self.tts, Transcripts(self.recognition),
                                 segment_id, path, decoded, self.lexicon.respell)
            self.statuses[segment_id] = status
        return {**status.as_json(), **take, "earlier": [str(p.relative_to(self.folder)) for p in moved]}

    def receive_pickup(self, segment_id: str, data: bytes) -> dict:
        """Store an uploaded pickup of some sentences of segment_id under its next number and give the segment's
        verdict with it; UploadError when it is refused before it is stored (not a take the build could use, or
        no take to splice it into)."""
        suffix, decoded = check_audio(data, longest_take_s(self.tts, segment_id))
        with self.lock:
            take = take_file(self.files.recordings, segment_id)
            if take is None and take_file(self.files.recordings, FULL_TAKE) is None:
                raise UploadError(409, f"no take of {segment_id} to splice a pickup into: record the segment first; "
                                       "nothing stored")
            path = store_pickup(self.files, segment_id, data, suffix)
            if take is None:  # the segment's take is cut from the whole-episode take
                result = assess_takes(self.folder, self.script, self.tts, self.recognition, self.lexicon.respell)
                self.statuses = {s.segment_id: s for s in result.statuses}
                status, problems = self.statuses[segment_id], [p.problem for p in result.problems if p.path == path]
            else:
                status, problems = assess_take(self.folder, self.script, self.tts, Transcripts(self.recognition),
                                               segment_id, take, respell=self.lexicon.respell), []
                self.statuses[segment_id] = status
        name = str(path.relative_to(self.folder))
        verdict = next((p.as_json() for p in status.pickups if p.file == name), None)
        if verdict is None:  # not judged: the take it would go into is not used
            verdict = {"file": name, "accepted": False, "used": False,
                       "verdict": f"{name}: not judged: {'; '.join(problems) or status.note}"}
        return {**status.as_json(), "pickup": verdict, "take_s": round(len(decoded.samples) / decoded.sample_rate, 2)}


def cookie_name(port: int) -> str:
    """The session cookie of the studio on this port."""
    return f"podcast-studio-{port}"


def error(status: int, message: str, **fields) -> JSONResponse:
    return JSONResponse({**fields, "error": message}, status_code=status)


class TokenGate:
    """403 for any request without the token (query `token`, the cookie, or `Authorization: token ...`)."""

    def __init__(self, app: ASGIApp, token: str, cookie: str):
        self.app, self.token, self.cookie = app, token, cookie

    def valid(self, given: str | None) -> bool:
        return bool(given) and secrets.compare_digest(given.encode(), self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        header = request.headers.get("authorization", "")
        from_header = header[len("token "):] if header.startswith("token ") else None
        from_query = request.query_params.get("token")
        if self.valid(request.cookies.get(self.cookie)) or self.valid(from_header):
            return await self.app(scope, receive, send)
        if self.valid(from_query):
            if request.method == "GET" and request.url.path == "/":
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict", path="/")
                return await response(scope, receive, send)
            return await self.app(scope, receive, send)
        response = error(403, "this page is not signed in to the studio (it was restarted, or never opened from its "
                              "address): open the address `podcast studio` printed, which holds the token")
        await response(scope, receive, send)


def wav_bytes(audio: SegmentAudio) -> bytes:
    """The TTS reference as 16-bit WAV, for the browser to play."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(audio.sample_rate)
        w.writeframes(float_to_pcm16(audio.samples))
    return out.getvalue()


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 past MAX_TAKE_BYTES (by its Content-Length, or while it streams)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_TAKE_BYTES:
        raise UploadError(413, f"take is {int(declared)} bytes, over the {MAX_TAKE_BYTES} byte limit; nothing stored")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_TAKE_BYTES:
            raise UploadError(413, f"take is over the {MAX_TAKE_BYTES} byte limit; nothing stored")
    return bytes(body)


async def http_error(request: Request, exc: HTTPException) -> Response:
    return error(exc.status_code, f"{exc.detail}: {request.method} {request.url.path}")


async def server_error(request: Request, exc: Exception) -> Response:
    return error(500, f"the studio failed ({type(exc).__name__}: {exc}); its terminal shows where")


def studio_app(studio: Studio, token: str, port: int) -> Starlette:
    """The studio's app; its session cookie is named after the port it serves on."""
    known = {s.id for s in studio.script.segments}
    tts = {a.segment_id: a for a in studio.tts}

    async def page(request: Request) -> Response:
        return HTMLResponse(render_page(studio))

    async def put_take(request: Request) -> Response:
        segment_id = request.path_params["segment_id"]
        try:
            check_id(segment_id, known)
            data = await read_body(request)
            verdict = await run_in_threadpool(studio.receive, segment_id, data)
        except UploadError as e:
            return error(e.status, str(e), id=segment_id)
        return JSONResponse(verdict)

    async def put_pickup(request: Request) -> Response:
        segment_id = request.path_params["segment_id"]
        try:
            check_id(segment_id, known, whole=False)
            data = await read_body(request)
            verdict = await run_in_threadpool(studio.receive_pickup, segment_id, data)
        except UploadError as e:
            return error(e.status, str(e), id=segment_id)
        return JSONResponse(verdict)

    async def get_take(request: Request) -> Response:
        segment_id = request.path_params["segment_id"]
        try:
            check_id(segment_id, known)
        except UploadError as e:
            return error(e.status, str(e), id=segment_id)
        take = take_to_play(studio.files.recordings, segment_id)
        if take is None:
            return error(404, f"no take of {segment_id} in recordings/ yet", id=segment_id)
        return FileResponse(take, media_type=CONTENT_TYPES.get(take.suffix.lower(), "application/octet-stream"),
                            headers={"Cache-Control": "no-store"})

    async def get_reference(request: Request) -> Response:
        audio = tts.get(request.path_params["segment_id"])
        if audio is None:
            return error(404, f"no segment {request.path_params['segment_id']} in this episode's script")
        return Response(wav_bytes(audio), media_type="audio/wav")

    async def get_statuses(request: Request) -> Response:
        return JSONResponse({"segments": [studio.statuses[s.id].as_json() for s in studio.script.segments]})

    routes = [
        Route("/", page),
        Route("/api/segments", get_statuses),
        Route("/api/takes/{segment_id:path}", put_take, methods=["PUT"]),
        Route("/api/takes/{segment_id:path}", get_take, methods=["GET"]),
        Route("/api/pickups/{segment_id:path}", put_pickup, methods=["PUT"]),
        Route("/api/reference/{segment_id:path}", get_reference, methods=["GET"]),
        Mount("/assets", app=StaticFiles(directory=ASSETS)),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"]),
                  Middleware(TokenGate, token=token, cookie=cookie_name(port))]
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={HTTPException: http_error, Exception: server_error})
