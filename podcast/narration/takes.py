"""Finding the narrator's takes in an episode's recordings/ folder, by file name.

A take is `recordings/<segment id>.<wav|flac|mp3|m4a|webm|ogg|opus>`, or `recordings/full.<ext>` for the whole episode,
its name read without regard to case (`<id>.WAV`, as field recorders write it, is `<id>`'s take; segment_of is the
one reading of a name, which the studio shares). Anything else there is reported (one line naming the file) and
not used; `takes.lock` is the pipeline's own record of accepted takes (see staleness.py); hidden files and
folders (the studio keeps replaced takes in `recordings/earlier/`) are ignored. A pickup, a take of some
sentences of a segment, is `recordings/<segment id>.pickup-<N>.<ext>` (N = 1, 2, ...; pickups.py)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..folders import FULL_TAKE, EpisodeFolder

TAKE_SUFFIXES = (".wav", ".flac", ".mp3", ".m4a", ".webm", ".ogg", ".opus")
"""WebM and Ogg hold Opus (or Vorbis), as browsers record; ffmpeg decodes them all."""


PICKUP = re.compile(r"^(?P<segment>.+)\.pickup-(?P<number>[1-9][0-9]*)$")
"""A pickup's name (its stem, in lower case): the segment's id, ".pickup-" and its number."""


def segment_of(path: Path) -> str | None:
    """The segment id (or FULL_TAKE) a file is a take of by its name, in lower case as ids are; None when its
    suffix is no take format."""
    return path.stem.lower() if path.suffix.lower() in TAKE_SUFFIXES else None


def pickup_of(path: Path) -> tuple[str, int] | None:
    """(segment id, number) of a file named as a pickup, None for any other file."""
    stem = segment_of(path)
    found = PICKUP.match(stem) if stem else None
    return (found["segment"], int(found["number"])) if found else None


def files_of(folder: Path, segment_id: str) -> list[Path]:
    """The files in folder named as takes of segment_id (any case), in the order find_takes reads them: the
    first without a path_problem is the one used."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if segment_of(p) == segment_id and not p.is_dir()]


@dataclass(frozen=True)
class TakeFile:
    path: Path
    segment_id: str
    """The segment it is named after, or FULL_TAKE."""


@dataclass(frozen=True)
class PickupFile:
    path: Path
    segment_id: str
    number: int


@dataclass(frozen=True)
class Problem:
    """A file that is not used, and why (one line)."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def path_problem(path: Path, folder: Path) -> str | None:
    """Why a file's name or location cannot be trusted as a take (path parts, a link out of the folder)."""
    if ".." in path.name or "\\" in path.name:
        return "name has path parts ('..' or a separator); takes are named by segment id only"
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        return "links outside the recordings folder"
    return None


def find_takes(episode: EpisodeFolder, segment_ids: list[str]) -> tuple[list[TakeFile], list[Problem]]:
    """The takes in the episode's recordings/ in file-name order, and the files that are not usable takes."""
    takes: dict[str, TakeFile] = {}
    problems: list[Problem] = []
    folder = episode.recordings
    if not folder.is_dir():
        return [], []
    known = set(segment_ids)
    for path in sorted(folder.iterdir()):
        hidden = path.name.startswith(".") and ".." not in path.name  # e.g. .DS_Store; "..\\x.wav" is reported
        if hidden or path == episode.takes_lock or path.is_dir() or pickup_of(path):
            continue
        stem = segment_of(path)
        if stem is None:
            problems.append(Problem(path, "not a take: takes are WAV, FLAC, MP3, M4A, WebM or Ogg files named by segment id"))
            continue
        problem = path_problem(path, folder)
        if problem is None and stem != FULL_TAKE and stem not in known:
            close = difflib.get_close_matches(stem, segment_ids, n=1)
            problem = "named after no segment" + (f" (did you mean {close[0]}?)" if close else "")
        if problem is None and stem in takes:
            problem = f"a second take of {stem} ({takes[stem].path.name} is used)"
        if problem:
            consequence = f"TTS voices segment {stem}" if stem in known and stem not in takes else "not used"
            problems.append(Problem(path, f"{problem}; {consequence}"))
            continue
        takes[stem] = TakeFile(path, stem)
    return list(takes.values()), problems


def find_pickups(episode: EpisodeFolder, segment_ids: list[str]) -> tuple[dict[str, list[PickupFile]], list[Problem]]:
    """Each segment's pickups in order of number, and the pickup files named after no segment (or twice)."""
    pickups: dict[str, dict[int, PickupFile]] = {}
    problems: list[Problem] = []
    folder = episode.recordings
    if not folder.is_dir():
        return {}, []
    known = set(segment_ids)
    for path in sorted(folder.iterdir()):
        named = pickup_of(path) if not path.is_dir() and not path.name.startswith(".") else None
        if named is None:
            continue
        segment_id, number = named
        problem = path_problem(path, folder)
        if problem is None and segment_id not in known:
            close = difflib.get_close_matches(segment_id, segment_ids, n=1)
            problem = "a pickup named after no segment" + (f" (did you mean {close[0]}?)" if close else "")
        if problem is None and number in pickups.get(segment_id, {}):
            problem = f"a second pickup {number} of {segment_id} ({pickups[segment_id][number].path.name} is used)"
        if problem:
            problems.append(Problem(path, f"{problem}; not used"))
            continue
        pickups.setdefault(segment_id, {})[number] = PickupFile(path, segment_id, number)
    return {sid: [found[n] for n in sorted(found)] for sid, found in pickups.items()}, problems
