"""The files published beside the MP3: Podcasting 2.0 JSON chapters and transcript, WebVTT and SRT captions."""
from __future__ import annotations

import io
import json
from pathlib import Path

import webvtt

from .cues import Cue, captions
from .timeline import Chapter

CHAPTERS_VERSION = "1.2.0"
TRANSCRIPT_VERSION = "1.0.0"


def chapters_json(chapters: list[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters: startTime in seconds (ms precision), title, and url when known."""
    entries = [{"startTime": round(c.start_s, 3), "title": c.title, **({"url": c.url} if c.url else {})}
               for c in chapters]
    return json.dumps({"version": CHAPTERS_VERSION, "chapters": entries}, ensure_ascii=False, indent=1) + "\n"


def transcript_json(cues: list[Cue]) -> str:
    """Podcasting 2.0 JSON transcript: one segment per sentence, with its speaker."""
    segments = [{"speaker": c.speaker, "startTime": round(c.start_s, 3), "endTime": round(c.end_s, 3),
                 "body": c.text} for c in cues]
    return json.dumps({"version": TRANSCRIPT_VERSION, "segments": segments}, ensure_ascii=False, indent=1) + "\n"


def caption_track(cues: list[Cue]) -> webvtt.WebVTT:
    """Captions of at most 2 lines of 32 characters, each naming its speaker with a <v> tag."""
    out = []
    for cue in cues:
        for part in captions(cue):
            start = webvtt.models.Timestamp.from_seconds(part.start_s)
            end = webvtt.models.Timestamp.from_seconds(part.end_s)
            out.append(webvtt.Caption(str(start), str(end), f"<v {part.speaker}>{part.text}</v>"))
    return webvtt.WebVTT(captions=out)


def write_sidecars(folder: Path, chapters: list[Chapter], cues: list[Cue]) -> dict[str, Path]:
    """Write the four sidecars into folder; returns them by kind."""
    files = {"chapters": folder / "chapters.json", "vtt": folder / "transcript.vtt",
             "srt": folder / "transcript.srt", "transcript": folder / "transcript.json"}
    files["chapters"].write_text(chapters_json(chapters), encoding="utf-8")
    files["transcript"].write_text(transcript_json(cues), encoding="utf-8")
    track = caption_track(cues)
    files["vtt"].write_text(track.content, encoding="utf-8")
    srt = io.StringIO()
    track.write(srt, format="srt")
    files["srt"].write_text(srt.getvalue() + "\n", encoding="utf-8")
    return files
