"""The segment report (EPISODE_DIR/segments.json, written by each build): which voice spoke each segment,
where it is heard in the episode, at what sample rate, so a producer can check the cast."""
from __future__ import annotations

import json
from pathlib import Path

from ..audio import SegmentAudio
from ..files import write_atomic
from ..scripting import Script

FILE_NAME = "segments.json"


def segment_report(script: Script, audios: list[SegmentAudio]) -> list[dict]:
    """One entry per segment in speaking order: id, kind, role, source, voice, sample rate, duration
    (small: it is kept while the episode is mastered, the audio is not)."""
    return [{"id": seg.id, "kind": seg.kind, "role": seg.role, "source": audio.source, "voice": audio.voice,
             "sample_rate": audio.sample_rate, "duration_s": round(audio.duration_s, 3)}
            for seg, audio in zip(script.segments, audios, strict=True)]


def with_starts(report: list[dict], starts_s: list[float]) -> list[dict]:
    """The report with where each segment starts in the mastered episode."""
    return [{**row, "start_s": round(start, 3)} for row, start in zip(report, starts_s, strict=True)]


def write_segment_report(folder: Path, report: list[dict]) -> Path:
    """Write the report into the episode folder, replacing the last one atomically."""
    path = folder / FILE_NAME
    write_atomic(path, json.dumps({"segments": report}, indent=2, ensure_ascii=False).encode("utf-8"))
    return path
