"""The transcript as the episode page shows it, in the page itself (no script needed to read it): the JSON
transcript's sentences (one cue each, with its speaker and times) in paragraphs, one per segment of the script,
each naming who speaks, under the title of the chapter it starts."""
from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PublishError
from .catalog import EpisodeEntry

TIME_TOLERANCE_S = 0.001
"""The catalog's times are rounded to the millisecond, as the transcript's are."""


@dataclass(frozen=True)
class Sentence:
    start_s: float
    end_s: float
    text: str


@dataclass
class Paragraph:
    speaker: str
    sentences: list[Sentence] = field(default_factory=list)
    chapter: str | None = None
    """The title of the chapter this paragraph starts, if it starts one."""


def read_sentences(path: Path) -> list[tuple[str, Sentence]]:
    """(speaker, sentence) of each segment of a Podcasting 2.0 JSON transcript, in order."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [(str(s.get("speaker") or ""), Sentence(float(s["startTime"]), float(s["endTime"]), str(s["body"])))
                for s in data["segments"]]
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise PublishError(f"{path}: transcript does not parse ({e}); build the episode again") from None
    except OSError as e:
        raise PublishError(f"{path}: cannot be read ({e.strerror})") from None


def paragraphs(entry: EpisodeEntry, sentences: list[tuple[str, Sentence]]) -> list[Paragraph]:
    """The sentences in paragraphs: a new one where a segment of the script starts (entry.segment_starts_s;
    in an older catalog without them, where a chapter starts), and wherever the speaker changes."""
    chapters = sorted(entry.chapters, key=lambda c: c.start_s)
    breaks = entry.segment_starts_s or [c.start_s for c in chapters]
    out: list[Paragraph] = []
    segment = chapter = -1
    for speaker, sentence in sentences:
        at = sentence.start_s + TIME_TOLERANCE_S
        now_segment, now_chapter = bisect_right(breaks, at) - 1, bisect_right([c.start_s for c in chapters], at) - 1
        if not out or now_segment != segment or speaker != out[-1].speaker:
            title = chapters[now_chapter].title if now_chapter != chapter and now_chapter >= 0 else None
            out.append(Paragraph(speaker, chapter=title))
            chapter = max(chapter, now_chapter)
        segment = now_segment
        out[-1].sentences.append(sentence)
    return out


def transcript_paragraphs(entry: EpisodeEntry, path: Path | None) -> list[Paragraph]:
    """The page's transcript from the JSON transcript at path; none when there is no such file."""
    if path is None or not path.is_file():
        return []
    return paragraphs(entry, read_sentences(path))
