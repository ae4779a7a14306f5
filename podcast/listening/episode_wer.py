"""Intelligibility of a whole episode: Whisper tiny.en's word error rate on the episode as it is voiced, per
chapter and overall, from the listening check's results (scripts/episode-wer prints it; the corpus test holds
episodes to it).

It is the listening check's measure: each segment heard whole, its words aligned with the script as a listener
should hear it. The reference is the written text, names as written, brackets read as pauses, Whisper's English
normaliser on both sides; a word one side writes as two counts once, and a word heard as the lexicon's [say]
entry says it ("OOD" as "out of distribution") counts as heard. A word error is a substitution, deletion or
insertion of one written word (a number said in several words is one word). Beside each chapter's rate: the rate
of the same heard words against the previous and the next chapter's text, which must be far higher (the chapter
is heard as itself, not merely as English)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..audio import SegmentAudio
from ..errors import PodcastError
from ..hearing import Heard, audio_key
from ..listener import listened
from ..narration.matching import error_rate
from ..scripting import Script
from .check import Finding, ListeningReport


@dataclass(frozen=True)
class ChapterRate:
    chapter: str
    words: int
    """The written words compared, as the listening check counts them."""
    errors: int
    own: float
    """The chapter's heard words against its own text, aligned as one stretch."""
    neighbours: tuple[float, ...]
    """The same heard words against the previous and the next chapter's text."""

    @property
    def rate(self) -> float:
        return self.errors / self.words if self.words else 0.0

    @property
    def apart(self) -> bool:
        """Whether the chapter's words match its own text better than its neighbours'."""
        return self.own < min(self.neighbours, default=1.0)

    def as_json(self) -> dict:
        return {"chapter": self.chapter, "words": self.words, "errors": self.errors, "rate": round(self.rate, 4),
                "own": round(self.own, 4), "neighbours": [round(n, 4) for n in self.neighbours]}


@dataclass(frozen=True)
class EpisodeRates:
    chapters: tuple[ChapterRate, ...]
    findings: tuple[Finding, ...]

    @property
    def words(self) -> int:
        return sum(c.words for c in self.chapters)

    @property
    def rate(self) -> float:
        return sum(c.errors for c in self.chapters) / self.words if self.words else 0.0

    @property
    def worst(self) -> ChapterRate:
        return max(self.chapters, key=lambda c: c.rate)

    @property
    def apart(self) -> bool:
        """Whether every chapter matches its own text better than its neighbours'."""
        return all(c.apart for c in self.chapters)

    def table(self) -> str:
        """The chapters' figures, one line each, and the episode's."""
        lines = ["   WER  words  errors  neighbours  chapter"]
        for n, c in enumerate(self.chapters):
            others = " ".join(f"{e * 100:3.0f}%" for e in c.neighbours)
            lines.append(f"{n:>2} {c.rate * 100:5.1f}%  {c.words:5d}  {c.errors:6d}  {others:>10}  {c.chapter[:60]}")
        lines.append(f"episode: {self.rate * 100:.1f}% of {self.words} words (worst chapter {self.worst.rate * 100:.1f}%); "
                     f"every chapter {'fits its own text better than its neighbours' if self.apart else 'does NOT fit its own text best'}")
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {"word_error_rate": round(self.rate, 4), "chapters": [c.as_json() for c in self.chapters],
                "findings": [f.as_json() for f in self.findings]}


def episode_rates(script: Script, audios: Iterable[SegmentAudio], report: ListeningReport,
                  heard_folder: Path) -> EpisodeRates:
    """The figures of a checked episode: `report` is listen()'s over the same script and audios (in script order),
    whose words heard are stored in heard_folder. PodcastError when a segment was not checked or heard (its figures
    would be missing, not zero)."""
    if report.unchecked:
        raise PodcastError(f"segments not checked yet: {', '.join(report.unchecked)}; run the check first")
    heard, checks = Heard(heard_folder), report.by_segment()
    texts: dict[str, list[str]] = {}
    said: dict[str, list[str]] = {}
    counts: dict[str, list[int]] = {}
    for segment, audio in zip(script.segments, audios, strict=True):
        check = checks[segment.id]
        words = heard.cached(audio_key(audio.samples, audio.sample_rate))
        if words is None:
            raise PodcastError(f"{segment.id}: what was heard in it is not stored; run the check first")
        texts.setdefault(segment.chapter, []).append(segment.text)
        said.setdefault(segment.chapter, []).extend(w.word for w in words)
        count = counts.setdefault(segment.chapter, [0, 0])
        count[0], count[1] = count[0] + check.words, count[1] + check.errors
    names = list(texts)
    written = [listened(" ".join(texts[name])) for name in names]
    rates = []
    for n, name in enumerate(names):
        words = listened(" ".join(said[name]))
        rates.append(ChapterRate(name, *counts[name], error_rate(written[n], words),
                                 tuple(error_rate(written[k], words) for k in (n - 1, n + 1) if 0 <= k < len(names))))
    return EpisodeRates(tuple(rates), tuple(report.findings))
