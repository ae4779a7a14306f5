"""The listening check of an episode's segments before they are published.

Each segment's audio, as listeners will hear it, is heard by Whisper (hearing.Heard, by the audio's digest) and
aligned with the segment's text as a listener should hear it (listener.align: Whisper's normaliser on both sides,
a word split in two counted once, a word heard as the lexicon's [say] entry has it said counted as heard). Every
stretch of written words heard as something else, or not at all, is a finding: the written words, what was
heard, where in the segment. A segment's result is stored under its audio's digest, its text and its respelling
(CacheDirs.listening), so an unchanged episode is checked again without hearing or aligning anything, and a
rebuild after an edit hears only the segments whose audio changed."""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..audio import SegmentAudio, Source
from ..hearing import Heard, audio_key
from ..listener import align, spoken_forms, units, written_words
from ..recognition import HeardWord, whisper_identity
from ..scripting import Script, Segment
from ..store import Store

METHOD = "listening check 3: a skipped stretch heard again in runs of sentences; homophones heard as written"
"""Change when the scoring changes: every stored result is then made again (from the stored words heard)."""
SUFFIX = ".json"
SKIPPED_WORDS = 3
"""A stretch of this many written words or more with nothing heard for it is the recognizer's skip, not the
voice's: Whisper tiny.en, hearing a segment whole, now and then jumps over a sentence or more (from AN #89's
"What" to "can be used", 35 words later; it heard them all given the first 12 s alone)."""
RUN_S = 25.0
"""Such a segment is heard again in runs of whole sentences of at most this long (a longer sentence alone),
each within one of Whisper's 30 s windows, and the hearing with fewer word errors is kept. Not every segment:
hearing in runs costs about three times as much (each run is a window of its own)."""


@dataclass(frozen=True)
class Finding:
    """Written words of a segment heard as something else, or not heard, or words heard that were not written."""

    segment_id: str
    written: str
    """As written in the script ("" for words heard in addition)."""
    heard: str
    """As Whisper wrote what it heard ("" for words not heard)."""
    start_s: float
    """Where in the segment's audio (seconds from its start): the first word heard, or where the unheard words
    fall."""
    end_s: float

    def as_json(self) -> dict:
        data = asdict(self)
        return {"id": data.pop("segment_id"), **data}


@dataclass(frozen=True)
class SegmentCheck:
    segment_id: str
    words: int
    """The written words compared (a number said as one word counts once)."""
    errors: int
    """Word errors: what the findings count for."""
    findings: tuple[Finding, ...]


@dataclass
class ListeningReport:
    """The check of one episode's segments, in script order."""

    checks: list[SegmentCheck]
    unchecked: list[str] = field(default_factory=list)
    """Segments not checked (their audio not heard yet, when the check was only looked up)."""
    heard: int = 0
    """Sounds the recognizer heard in this run (runs of a segment's sentences, or takes; the rest came from the
    store)."""
    seconds: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.checks for f in c.findings]

    @property
    def word_error_rate(self) -> float:
        words = sum(c.words for c in self.checks)
        return sum(c.errors for c in self.checks) / words if words else 0.0

    def summary(self) -> str:
        """One line: what was heard differently, in how many segments, and what is left unchecked."""
        flagged = sum(bool(c.findings) for c in self.checks)
        line = (f"listening check: {len(self.findings)} finding{'' if len(self.findings) == 1 else 's'} in {flagged} "
                f"of {len(self.checks)} segments checked (word error rate {self.word_error_rate:.1%})")
        if self.unchecked:
            line += f"; {len(self.unchecked)} segments not checked yet"
        return line

    def by_segment(self) -> dict[str, SegmentCheck]:
        return {c.segment_id: c for c in self.checks}

    def as_json(self) -> dict:
        return {"checked": len(self.checks), "unchecked": self.unchecked, "word_error_rate": round(self.word_error_rate, 4),
                "findings": [f.as_json() for f in self.findings]}


def check_segment(segment_id: str, text: str, heard: list[HeardWord], respell: Callable[[str], str]) -> SegmentCheck:
    """The findings of one segment, from the words heard in its audio."""
    written = units(written_words(text))
    said = units([w.word for w in heard])
    alignment = align(written, said, spoken_forms(written, respell))
    findings = []
    for d in alignment.differences:
        if d.heard_count:
            first, last = said[d.first_heard], said[d.first_heard + d.heard_count - 1]
            start, end = heard[first.first].start_s, heard[last.first + last.count - 1].end_s
        elif d.first_heard < len(said):  # not heard: just before the next word heard
            start = end = heard[said[d.first_heard].first].start_s
        else:
            start = end = heard[-1].end_s if heard else 0.0
        findings.append(Finding(segment_id, d.written, d.heard, start, end))
    return SegmentCheck(segment_id, alignment.reference, alignment.errors, tuple(findings))


def _key(audio: SegmentAudio, text: str, respelled: str) -> str:
    payload = json.dumps([METHOD, whisper_identity(), audio_key(audio.samples, audio.sample_rate), text, respelled],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _stored(data: bytes) -> SegmentCheck:
    entry = json.loads(data.decode("utf-8"))
    return SegmentCheck(entry["id"], int(entry["words"]), int(entry["errors"]),
                        tuple(Finding(entry["id"], f["written"], f["heard"], float(f["start_s"]), float(f["end_s"]))
                              for f in entry["findings"]))


def _entry(check: SegmentCheck) -> bytes:
    return json.dumps({"id": check.segment_id, "words": check.words, "errors": check.errors,
                       "findings": [{k: v for k, v in f.as_json().items() if k != "id"} for f in check.findings]},
                      ensure_ascii=False).encode("utf-8")


def listen(script: Script, audios: Iterable[SegmentAudio], respell: Callable[[str], str], heard_folder: Path,
           checks_folder: Path, hear: bool = True) -> ListeningReport:
    """Check every segment of the script (audios in script order); with hear=False only look the results up in
    the store, leaving the segments not checked yet in `unchecked` (no recognition at all)."""
    started = time.perf_counter()
    store, heard = Store(checks_folder), Heard(heard_folder)
    report = ListeningReport([])
    for segment, audio in zip(script.segments, audios):
        key = _key(audio, segment.text, respell(segment.text))
        check = store.load(key, _stored, SUFFIX)
        if check is not None:
            report.checks.append(_relabelled(check, segment))
            continue
        if not hear:
            report.unchecked.append(segment.id)
            continue
        words, new = heard_in(audio, heard, [(0, len(audio.samples))])
        check = check_segment(segment.id, segment.text, words, respell)
        if skipped(check) and len(runs := runs_of(audio)) > 1:
            words, more = heard_in(audio, heard, runs)
            new += more
            check = min(check, check_segment(segment.id, segment.text, words, respell), key=lambda c: c.errors)
        report.heard += new
        store.save(key, SUFFIX, _entry(check))
        report.checks.append(check)
    report.seconds = time.perf_counter() - started
    return report


def runs_of(audio: SegmentAudio) -> list[tuple[int, int]]:
    """The sample ranges a skipping segment is heard again in: consecutive whole sentences, at most RUN_S long
    together (a narrator's take, whose sentence times are only estimates, stays one run)."""
    rate, total = audio.sample_rate, len(audio.samples)
    if audio.source != Source.TTS or not audio.sentences:
        return [(0, total)]
    runs: list[list[float]] = []
    for sentence in audio.sentences:
        if runs and sentence.end_s - runs[-1][0] <= RUN_S:
            runs[-1][1] = sentence.end_s
        else:
            runs.append([sentence.start_s, sentence.end_s])
    bounds = [round(a * rate) for a, _ in runs[1:]]
    return list(zip([0, *bounds], [*bounds, total]))


def skipped(check: SegmentCheck) -> bool:
    """Whether a stretch of SKIPPED_WORDS written words or more went unheard."""
    return any(not f.heard and len(f.written.split()) >= SKIPPED_WORDS for f in check.findings)


def heard_in(audio: SegmentAudio, heard: Heard, runs: list[tuple[int, int]]) -> tuple[list[HeardWord], int]:
    """The words heard in the audio's runs (sample ranges), times from its start; and how many runs were heard
    now (the others were stored)."""
    words, new, rate = [], 0, audio.sample_rate
    for a, b in runs:
        part = audio.samples[a:b]
        found = heard.cached(audio_key(part, rate))
        if found is None:
            found, new = heard.words(part, rate), new + 1
        words += [HeardWord(w.word, round(w.start_s + a / rate, 3), round(w.end_s + a / rate, 3), w.probability)
                  for w in found]
    return words, new


def stored_checks(script: Script, audios: Iterable[SegmentAudio], respell: Callable[[str], str], heard_folder: Path,
                  checks_folder: Path) -> ListeningReport:
    """The check as last run, looked up only: what a build reports without running it."""
    return listen(script, audios, respell, heard_folder, checks_folder, hear=False)


def _relabelled(check: SegmentCheck, segment: Segment) -> SegmentCheck:
    """A stored result made for another segment of the same text and audio, under this segment's id."""
    if check.segment_id == segment.id:
        return check
    findings = tuple(Finding(segment.id, f.written, f.heard, f.start_s, f.end_s) for f in check.findings)
    return SegmentCheck(segment.id, check.words, check.errors, findings)
