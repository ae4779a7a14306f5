"""The script as listeners hear it: the narrator's takes judged, the statement of who reads the episode worded
true of what is used (voiced anew when its words change), and the chapters the synthetic voice reads announced.
Like build.py it sits above the stages: it combines scripting, narration and the voicing it is handed."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .audio import SegmentAudio
    from .config import Show
    from .episode import Episode
    from .narration import Assessment
    from .scripting import Reading, Script, Segment


Voice = Callable[[list["Segment"]], list["SegmentAudio | None"]]
"""TTS of new segments (a reworded statement, the announcements), in order (None: not voiced, for status)."""


def reworded(script: Script, tts: list[SegmentAudio | None], show: Show, reading: Reading, voice: Voice
             ) -> tuple[Script, list[SegmentAudio | None]]:
    """The script and its TTS with the statement worded for `reading`, voiced when its words are new."""
    from .scripting import with_statement

    worded = with_statement(script, show, reading)
    changed = [i for i, (a, b) in enumerate(zip(script.segments, worded.segments)) if a != b]
    if not changed:
        return script, tts
    [i] = changed
    return worded, [*tts[:i], *voice([worded.segments[i]]), *tts[i + 1:]]


def narrated(result: Assessment) -> set[str]:
    """The ids of the segments the narrator's takes voice."""
    from .audio import Source

    return {s.segment_id for s in result.statuses if s.source == Source.NARRATOR}


def judged_takes(episode: Episode, tts: list[SegmentAudio | None], show: Show, recognition: Path, voice: Voice,
                 narrator_reads_statement: bool = False, respell: Callable[[str], str] | None = None
                 ) -> tuple[Script, list[SegmentAudio | None], Assessment]:
    """The narrator's takes judged (assess_takes), a take of the statement against the words it would make true:
    the narrator's when every other segment comes from takes, else the mixed ones. Without a take of it (unless
    narrator_reads_statement: the narrator's tools word it for the narrator to read) it is worded for the other
    segments' readers (synthetic or mixed). A None in tts is a segment not voiced yet (`podcast status`
    synthesizes nothing). With respell (the lexicon's), the takes are proofed too (the narrator's tools)."""
    from .narration import TakeState, assess_takes
    from .scripting import reading_of, statement_of

    def assessed(script: Script, tts: list[SegmentAudio | None]) -> Assessment:
        return assess_takes(episode.folder, script, [a for a in tts if a is not None], recognition, respell)

    script = episode.script
    result = assessed(script, tts)
    statement = statement_of(script)
    if statement is None:
        return script, tts, result
    take = next(s for s in result.statuses if s.segment_id == statement.id)
    read = narrator_reads_statement or take.state in (TakeState.MATCHED, TakeState.MISMATCHED, TakeState.STALE)
    reading = reading_of(script, (narrated(result) - {statement.id}) | ({statement.id} if read else set()))
    worded, worded_tts = reworded(script, tts, show, reading, voice)
    if worded is not script:  # its take is judged against the new words
        result = assessed(worded, worded_tts)
    return worded, worded_tts, result


def as_heard(episode: Episode, tts: list[SegmentAudio], show: Show, recognition: Path, voice: Voice
             ) -> tuple[Script, list[SegmentAudio], Assessment, Reading]:
    """The script and its audio as listeners hear them, and how the episode is read: the narrator's accepted takes
    in place of TTS (judged_takes, use_takes), the statement true of what is used (a take of it not used, TTS
    says the synthetic or mixed words), and the chapters the synthetic voice reads announced (when the show
    asks)."""
    from .narration import use_takes
    from .scripting import reading_of, with_announcements

    script, tts, result = judged_takes(episode, tts, show, recognition, voice)
    reading = reading_of(script, narrated(result))
    script, tts = reworded(script, tts, show, reading, voice)
    audios, result = use_takes(episode.folder, script, tts, recognition, result)
    announced = with_announcements(script, show, narrated(result))
    if announced != script:
        known = {s.id: a for s, a in zip(script.segments, audios)}
        new = [s for s in announced.segments if s.id not in known]
        known.update(zip([s.id for s in new], voice(new)))
        script, audios = announced, [known[s.id] for s in announced.segments]
    return script, audios, result, reading
