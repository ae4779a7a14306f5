"""Storing an uploaded take: which segment ids are safe, what format the bytes are, and putting the file in
recordings/ without losing the take it replaces (that one, whatever the case of its name, moves to
recordings/earlier/, timestamped, with the pickups recorded for it: a pickup fits only the take it was recorded
against). A pickup replaces nothing: it is stored under the segment's next free pickup number (a later pickup of
the same sentence wins in the build).

The format is told from the bytes' signature, not from what the browser claims, so the stored file's suffix is
what the build's decoder will find in it."""
from __future__ import annotations

import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..files import write_atomic
from ..folders import FULL_TAKE, EpisodeFolder
from ..narration.decoding import DecodedTake, TakeError, decode_take
from ..narration.takes import files_of, path_problem, pickup_of

SAFE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Segment ids are slugs: lower-case letters, digits and single hyphens; anything else (a path separator, '..',
a leading '/') is refused before it is looked up."""
MAX_TAKE_BYTES = 200 * 1024 * 1024
"""Over two hours of Opus, or about 20 minutes of 48 kHz stereo WAV."""


class UploadError(Exception):
    """An upload that is refused; status is the HTTP code, the message one line."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def suffix_of(data: bytes) -> str | None:
    """The take suffix for audio bytes, by their signature; None when they are none of the take formats."""
    head = data[:12]
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return ".webm"  # Matroska/WebM (EBML header): what Chromium's MediaRecorder sends
    if head.startswith(b"OggS"):
        return ".ogg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return ".wav"
    if head.startswith(b"fLaC"):
        return ".flac"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return ".mp3"
    if head[4:8] == b"ftyp":
        return ".m4a"
    return None


def check_id(segment_id: str, known: set[str], whole: bool = True) -> None:
    """400 for an id that could name a path, 404 for one the script does not have (full, a whole take, unless
    whole is False: a pickup is of one segment's sentences)."""
    if not SAFE_ID.fullmatch(segment_id):
        raise UploadError(400, f"{segment_id!r} is not a segment id (lower-case letters, digits and hyphens only)")
    if segment_id not in known and not (whole and segment_id == FULL_TAKE):
        raise UploadError(404, f"no segment {segment_id} in this episode's script")


def check_audio(data: bytes, longest_s: float) -> tuple[str, DecodedTake]:
    """The suffix to store the take under and its decoded audio; 422 when the bytes are not a take the build
    could use (undecodable, clipped, silent, under 16 kHz, or decoding to more than longest_s seconds: decoding
    stops there)."""
    suffix = suffix_of(data)
    if suffix is None:
        raise UploadError(422, "not audio in a take format (WebM, Ogg, WAV, FLAC, MP3, M4A); nothing stored")
    with tempfile.TemporaryDirectory(prefix="podcast-take-") as tmp:
        path = Path(tmp) / f"take{suffix}"
        path.write_bytes(data)
        try:
            decoded = decode_take(path, longest_s)
        except TakeError as e:
            raise UploadError(422, f"{e}; nothing stored") from None
    return suffix, decoded


def take_file(recordings: Path, segment_id: str) -> Path | None:
    """The take the build uses for the segment, as named in recordings/ (never a link out of it)."""
    for path in files_of(recordings, segment_id):
        if path_problem(path, recordings) is None and path.resolve().is_file():
            return path
    return None


def take_to_play(recordings: Path, segment_id: str) -> Path | None:
    """The file of the take the build uses for the segment, links inside recordings/ followed."""
    path = take_file(recordings, segment_id)
    return path.resolve() if path else None


def timestamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def pickups_of(recordings: Path) -> list[tuple[Path, str, int]]:
    """The pickup files in recordings/ (any case or format) with their segment ids and numbers."""
    found = [(p, pickup_of(p)) for p in (sorted(recordings.iterdir()) if recordings.is_dir() else [])]
    return [(p, *named) for p, named in found if named]


def keep_earlier(episode: EpisodeFolder, segment_id: str, now: datetime) -> list[Path]:
    """Move the segment's current take files into recordings/earlier/ as <id>.<UTC time>.<ext>, and the pickups
    recorded against them, which fit no other take, as <segment id>.<UTC time>.pickup-<N>.<ext> (never over
    another file): the segment's own, or for the whole-episode take, those of each segment cut from it (that
    has no take of its own). Returns where they went."""
    stamp, recordings = timestamp(now), episode.recordings
    moving = [(p, f"{segment_id}.{stamp}", "") for p in files_of(recordings, segment_id)]
    if moving:
        cut = lambda sid: segment_id == FULL_TAKE and take_file(recordings, sid) is None  # noqa: E731
        moving += [(p, f"{sid}.{stamp}", f".pickup-{n}") for p, sid, n in pickups_of(recordings)
                   if sid == segment_id or cut(sid)]
    moved = []
    for path, stem, tail in moving:
        folder = episode.earlier
        folder.mkdir(exist_ok=True)
        target, n = folder / f"{stem}{tail}{path.suffix}", 0
        while target.exists() or target.is_symlink():
            n += 1
            target = folder / f"{stem}-{n}{tail}{path.suffix}"
        path.rename(target)
        moved.append(target)
    return moved


def store_take(episode: EpisodeFolder, segment_id: str, data: bytes, suffix: str,
               now: datetime | None = None) -> tuple[Path, list[Path]]:
    """Write the take as recordings/<id><suffix> (atomically), after moving the one it replaces to earlier/.
    Returns the new take's path and the earlier takes' new paths."""
    moved = keep_earlier(episode, segment_id, now or datetime.now(timezone.utc))
    path = episode.recordings / f"{segment_id}{suffix}"
    write_atomic(path, data)
    return path, moved


def next_pickup(recordings: Path, segment_id: str) -> int:
    """The segment's next free pickup number: one more than any pickup file of it in recordings/ (any case or
    format), so the new one is read last."""
    return max((n for _, sid, n in pickups_of(recordings) if sid == segment_id), default=0) + 1


def store_pickup(episode: EpisodeFolder, segment_id: str, data: bytes, suffix: str) -> Path:
    """Write the pickup as recordings/<id>.pickup-<next free number><suffix> (atomically); returns its path."""
    path = episode.recordings / f"{segment_id}.pickup-{next_pickup(episode.recordings, segment_id)}{suffix}"
    write_atomic(path, data)
    return path
