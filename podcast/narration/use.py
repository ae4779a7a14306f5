"""The narrator's takes in an episode folder put to use: what each segment would be voiced with (`podcast status`,
the studio), one take's verdict (the studio, after an upload), and the build's swap of the accepted takes for
TTS, which records fresh acceptances in the folder's takes.lock."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from ..audio import SegmentAudio, Source
from ..folders import EpisodeFolder
from ..scripting import Script
from ..terminal import plural
from .decoding import DecodedTake
from .settings import forced_segments
from .staleness import read_lock, write_lock
from .status import Assessment, Assessor, SegmentStatus, assess
from .takes import TakeFile, find_pickups
from .transcripts import Transcripts

log = logging.getLogger("podcast")


def assess_takes(folder: Path, script: Script, tts: list[SegmentAudio], recognition: Path,
                 respell: Callable[[str], str] | None = None) -> Assessment:
    """What each segment would be voiced with, and the pickups its take needs, without writing anything (for
    `podcast status`). recognition: the recognition cache folder; respell: the lexicon's."""
    episode = EpisodeFolder(folder)
    return assess(folder, script, tts, Transcripts(recognition), read_lock(episode.takes_lock),
                  forced_segments(episode.toml), respell)


def assess_take(folder: Path, script: Script, tts: list[SegmentAudio], recognizer: Transcripts, segment_id: str,
                take: Path, decoded: DecodedTake | None = None, respell: Callable[[str], str] | None = None) -> SegmentStatus:
    """The verdict on one take file of one segment with the segment's pickups, by the same rules as the build (for
    the studio, which may have decoded it already)."""
    episode = EpisodeFolder(folder)
    assessor = Assessor(folder, script, tts, recognizer, read_lock(episode.takes_lock), forced_segments(episode.toml),
                        respell)
    segment = next(s for s in script.segments if s.id == segment_id)
    pickups, _ = find_pickups(episode, [s.id for s in script.segments])
    return assessor.assess_take(segment, TakeFile(take, segment_id), decoded, pickups.get(segment_id, []))


def use_takes(folder: Path, script: Script, tts: list[SegmentAudio], recognition: Path,
              result: Assessment | None = None) -> tuple[list[SegmentAudio], Assessment]:
    """The build's hook: the audio with accepted takes in place of TTS. Each unused or stale take is a one-line
    warning naming its file; fresh acceptances are recorded in recordings/takes.lock (the only file written
    in the episode folder; take files are only read). result: assess_takes of these already, if made."""
    result = result or assess_takes(folder, script, tts, recognition)
    for problem in result.problems:
        log.warning("%s", problem)
    for status in result.statuses:
        if status.note:
            log.warning("%s: %s", folder / status.take, status.note)
    lock_path = EpisodeFolder(folder).takes_lock
    if result.accepted != read_lock(lock_path):
        write_lock(lock_path, result.accepted)
    if any(s.take for s in result.statuses) or result.problems:  # no line about takes when there are none
        narrated = sum(s.source == Source.NARRATOR for s in result.statuses)
        log.info("episode folder %s: %d of %s from the narrator's takes", folder, narrated, plural(len(tts), "segment"))
    return [result.narrated.get(a.segment_id, a) for a in tts], result
