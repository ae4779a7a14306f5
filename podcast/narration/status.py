"""What each segment will be voiced with: the narrator's take (checked, fresh or slightly stale) or TTS.

This is the one place the rules meet: bad files and names (takes.py, decoding.py), matching by speech
recognition (matching.py), staleness against recordings/takes.lock (staleness.py), whole-episode takes cut by
forced alignment (episode_take.py), and the producer's forced takes (settings.py). A per-segment take wins over a
cut of the whole-episode take."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Callable

import numpy as np

from ..audio import SegmentAudio, SentenceTiming, Source
from ..folders import FULL_TAKE, EpisodeFolder
from ..hearing import audio_key
from ..scripting import Script, Segment
from .decoding import DecodedTake, TakeError, decode_take, longest_take_s
from .episode_take import cut_points, speech_bounds
from .matching import Match, judge
from .pickup_use import apply_pickups
from .pickups import PickupVerdict, replaced
from .sentence_changes import only_deleted
from .proofing import Pickup, proofed
from .staleness import Accepted, is_small_change, words_changed
from .takes import PickupFile, Problem, TakeFile, find_pickups, find_takes
from .transcripts import Transcripts


class TakeState(StrEnum):
    """What became of a segment's take (the value is what the JSON outputs say)."""

    NONE = "none"
    """No take."""
    MATCHED = "matched"
    MISMATCHED = "mismatched"
    STALE = "stale"
    """Its text changed since the take was accepted."""
    SKIPPED = "skipped"
    """Not in the whole-episode take."""
    UNUSABLE = "unusable"
    """A bad file."""


@dataclass(frozen=True)
class SegmentStatus:
    segment_id: str
    source: Source
    """What listeners hear."""
    state: TakeState
    take: str | None
    """The take file, relative to the episode folder."""
    duration_s: float
    """Of the audio used."""
    score: float | None
    """Match score, 1 - word error rate of the take against its text."""
    best_match: str | None
    """The segment the take sounds like, when that is another one."""
    forced: bool = False
    note: str = ""
    """One line on why (empty for a matched take or no take)."""
    missed: tuple[str, ...] = ()
    """Words of the segment's text the recogniser did not hear in the take."""
    pickups_needed: tuple[Pickup, ...] = ()
    """Sentences of the take to record again (proofing.py): read differently, or changed since accepted."""
    pickups: tuple[PickupVerdict, ...] = ()
    """The segment's pickup files, each accepted (the sentences it holds, used or not) or refused (why)."""
    joins_s: tuple[float, ...] = ()
    """Where the take is spliced with its pickups, in the audio used (empty when they are not spliced)."""

    def as_json(self) -> dict:
        """The status in the JSON vocabulary the commands share (the segment's id is `id`)."""
        data = asdict(self)
        data["missed"] = list(self.missed)
        data["pickups_needed"] = [{k: v for k, v in p.as_json().items() if k != "id"} for p in self.pickups_needed]
        data["pickups"] = [p.as_json() for p in self.pickups]
        data["joins_s"] = list(self.joins_s)
        return {"id": data.pop("segment_id"), **data}


@dataclass
class Assessment:
    statuses: list[SegmentStatus]
    narrated: dict[str, SegmentAudio]
    """Segment id -> the take's audio, for the segments the narrator voices."""
    accepted: dict[str, Accepted]
    """The lock as it should be after this build (fresh acceptances added)."""
    problems: list[Problem] = field(default_factory=list)
    """Files named after no segment, or not takes: one line each."""


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def take_audio(segment: Segment, samples: np.ndarray, sample_rate: int, tts: SegmentAudio, voice: str) -> SegmentAudio:
    """The take as a SegmentAudio, with the TTS's sentence timings stretched to its length (an estimate)."""
    stretch = (len(samples) / sample_rate) / tts.duration_s if tts.duration_s else 0.0
    sentences = tuple(SentenceTiming(s.text, s.start_s * stretch, s.end_s * stretch) for s in tts.sentences)
    return SegmentAudio(segment.id, samples.astype(np.float32), sample_rate, sentences, Source.NARRATOR, voice)


@dataclass(frozen=True)
class Candidate:
    """A recording of one segment: a take file or a cut of the whole-episode take."""

    file: str
    digest: str
    samples: np.ndarray
    sample_rate: int


class Assessor:
    def __init__(self, folder: Path, script: Script, tts: list[SegmentAudio], recognizer: Transcripts,
                 accepted: dict[str, Accepted], forced: frozenset[str], respell: Callable[[str], str] | None = None):
        self.folder, self.script, self.recognizer, self.respell = folder, script, recognizer, respell
        self.tts = {a.segment_id: a for a in tts}
        self.accepted, self.forced = accepted, forced
        self.texts = {s.id: s.text for s in script.segments}

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.folder)) if path.is_relative_to(self.folder) else str(path)

    def tts_status(self, segment: Segment, state: TakeState, take: str | None = None, note: str = "",
                   match: Match | None = None) -> SegmentStatus:
        tts = self.tts.get(segment.id)  # None: not voiced yet (`podcast status` voices nothing)
        return SegmentStatus(segment.id, Source.TTS, state, take, tts.duration_s if tts else 0.0,
                             match.score if match else None, self.best_of(segment, match), note=note,
                             missed=match.missed if match else ())

    @staticmethod
    def best_of(segment: Segment, match: Match | None) -> str | None:
        return match.best_id if match and match.best_id != segment.id else None

    def judge(self, segment: Segment, cand: Candidate) -> SegmentStatus:
        """The take's status, with the pickups it needs when proofing (respell given)."""
        status = self.match_take(segment, cand)
        if self.respell is None or status.state not in (TakeState.MATCHED, TakeState.STALE) and not status.forced:
            return status  # not proofing (the build), or a take of something else: it is recorded again whole
        before = self.accepted.get(segment.id)
        read_from = before.text if before and before.sha256 == cand.digest else None
        pickups = proofed(self.recognizer.store, audio_key(cand.samples, cand.sample_rate), segment.id, segment.text,
                          lambda: self.recognizer.words(cand.samples, cand.sample_rate), cand.samples,
                          cand.sample_rate, self.respell, read_from)
        return replace(status, pickups_needed=pickups)

    def match_take(self, segment: Segment, cand: Candidate) -> SegmentStatus:
        """The take judged by what was heard in it against every segment's text, and by its staleness."""
        heard = " ".join(w.word for w in self.recognizer.words(cand.samples, cand.sample_rate))
        tts = self.tts.get(segment.id)  # None: not voiced yet (`podcast status` voices nothing): no length to check
        start, end = speech_bounds(tts.samples) if tts else (0, 0)  # takes are trimmed: the TTS's speech, not padding
        match = judge(segment.id, heard, self.texts, len(cand.samples) / cand.sample_rate,
                      (end - start) / tts.sample_rate if tts else 0.0)
        forced = segment.id in self.forced
        duration_s = len(cand.samples) / cand.sample_rate
        before = self.accepted.get(segment.id)
        if before and before.sha256 == cand.digest and before.text_hash != segment.text_hash:
            changed = plural(words_changed(before.text, segment.text), "word")
            note = f"stale: its text changed by {changed} since the take was accepted"
            if is_small_change(before.text, segment.text) or forced:
                return SegmentStatus(segment.id, Source.NARRATOR, TakeState.STALE, cand.file, duration_s, match.score, None, forced,
                                     f"{note}; still used ({'forced' if forced else 'small change'})", match.missed)
            return self.tts_status(segment, TakeState.STALE, cand.file, f"{note}; TTS voices the new text", match)
        if not match.matched:
            if forced:
                return SegmentStatus(segment.id, Source.NARRATOR, TakeState.MISMATCHED, cand.file, duration_s, match.score,
                                     self.best_of(segment, match), True, f"{match.reason}; used (forced)", match.missed)
            return self.tts_status(segment, TakeState.MISMATCHED, cand.file, f"{match.reason}; TTS voices segment {segment.id}",
                                   match)
        return SegmentStatus(segment.id, Source.NARRATOR, TakeState.MATCHED, cand.file, duration_s, match.score, None, forced,
                             missed=match.missed)

    def from_file(self, take: TakeFile, decoded: DecodedTake | None = None) -> tuple[Candidate | None, DecodedTake | None, str]:
        """The take's audio (decoded unless the caller already has it) to judge, or why it cannot be used."""
        try:
            decoded = decoded or decode_take(take.path, longest_take_s(list(self.tts.values()), take.segment_id))
        except TakeError as e:
            return None, None, str(e)
        digest = file_digest(take.path)
        return Candidate(self.rel(take.path), digest, decoded.samples, decoded.sample_rate), decoded, ""

    def candidate(self, segment: Segment, take: TakeFile, decoded: DecodedTake | None = None
                  ) -> tuple[Candidate | None, SegmentStatus | None]:
        """The take file's audio to judge, or (None, its TakeState.UNUSABLE status) when it cannot be used."""
        cand, _, note = self.from_file(take, decoded)
        if cand is None:
            return None, self.tts_status(segment, TakeState.UNUSABLE, self.rel(take.path), f"{note}; TTS voices segment {segment.id}")
        return cand, None

    def assess_take(self, segment: Segment, take: TakeFile, decoded: DecodedTake | None = None,
                    pickups: list[PickupFile] = ()) -> SegmentStatus:
        """The verdict on one per-segment take file with the segment's pickups, as assess() would give it."""
        cand, status = self.candidate(segment, take, decoded)
        return status if cand is None else self.verdict(segment, cand, list(pickups))[0]

    def verdict(self, segment: Segment, cand: Candidate, pickups: list[PickupFile]
                ) -> tuple[SegmentStatus, np.ndarray | None, SegmentStatus]:
        """The segment's status with its pickups, the spliced audio (None when no pickup is used), and the take's
        own status."""
        status = self.judge(segment, cand)
        before = self.accepted.get(segment.id)
        if not pickups and not (before and before.sha256 == cand.digest and only_deleted(before.text, segment.text)):
            return status, None, status
        return *self.with_pickups(segment, cand, status, pickups), status

    def with_pickups(self, segment: Segment, cand: Candidate, status: SegmentStatus, pickups: list[PickupFile]
                     ) -> tuple[SegmentStatus, np.ndarray | None]:
        """The status of a take that has pickups, and the take spliced with them when they hold every sentence
        changed since it was accepted (the take matched, or stale): the narrator's again. A pickup takes.lock
        says was spliced into another take of the segment is refused."""
        before = self.accepted.get(segment.id)
        theirs = [p for p in pickups
                  if before and before.pickups and not before.pickup_fits(file_digest(p.path), cand.digest)]
        pickups = [p for p in pickups if p not in theirs]
        old_text = before.text if before and before.sha256 == cand.digest else segment.text
        usable = status.state in (TakeState.MATCHED, TakeState.STALE)
        found = apply_pickups(self.recognizer, self.rel, cand.samples, cand.sample_rate, pickups, file_digest,
                              segment.text, old_text, {s.id: s.text for s in self.script.segments if s.id != segment.id},
                              longest_take_s(list(self.tts.values()), segment.id), usable and segment.id in self.tts)
        found = replace(found, verdicts=tuple(PickupVerdict(self.rel(p.path), None, None, False, OTHER_TAKE)
                                              for p in theirs) + found.verdicts)
        if not (usable and found.spliced):
            why = found.note if usable else "pickups not used: the take is not used" if found.verdicts else ""
            return replace(status, pickups=found.verdicts, note="; ".join(n for n in (status.note, why) if n)), None
        done = ", ".join(f"{v.file} ({v.sentences()})" for v in found.verdicts if v.used)
        cut = ", ".join(str(k + 1) for k in found.deleted)
        cut = cut and f"cut out of the take: its sentence{'s' * (len(found.deleted) > 1)} {cut}, deleted from the text"
        note = "; ".join(n for n in (done and f"pickups spliced in: {done}", cut) if n)
        picked_up = replaced(found.verdicts)
        return SegmentStatus(segment.id, Source.NARRATOR, TakeState.MATCHED, cand.file, found.duration_s, status.score, None,
                             status.forced, note,
                             pickups_needed=tuple(p for p in status.pickups_needed if p.sentence not in picked_up),
                             pickups=found.verdicts, joins_s=found.joins_s), found.samples

    def assess(self) -> Assessment:
        segments = self.script.segments
        takes, problems = find_takes(EpisodeFolder(self.folder), [s.id for s in segments])
        pickups, pickup_problems = find_pickups(EpisodeFolder(self.folder), [s.id for s in segments])
        problems += pickup_problems
        by_segment = {t.segment_id: t for t in takes}
        cuts: dict[str, Candidate] = {}
        skipped: set[str] = set()
        if FULL_TAKE in by_segment:
            full = by_segment[FULL_TAKE]
            cand, decoded, full_note = self.from_file(full)
            if cand is None:
                problems.append(Problem(full.path, f"{full_note}; TTS voices the segments it has no take of"))
            else:
                spans = cut_points(decoded.samples, decoded.sample_rate, [s.text for s in segments], self.recognizer,
                                   cand.digest)
                for segment, span in zip(segments, spans):
                    if span is None:
                        skipped.add(segment.id)
                        continue
                    a, b = round(span.start_s * cand.sample_rate), round(span.end_s * cand.sample_rate)
                    cuts[segment.id] = replace(cand, samples=cand.samples[a:b])
        statuses, narrated, accepted = [], {}, dict(self.accepted)
        for segment in segments:
            take = by_segment.get(segment.id)
            cand = None
            if take is not None:
                cand, status = self.candidate(segment, take)
                if cand is None:
                    problems += untaken(pickups.get(segment.id, []), "its take cannot be used")
                    statuses.append(status)
                    continue
            cand = cand or cuts.get(segment.id)
            if cand is None:
                problems += untaken(pickups.get(segment.id, []), "it has no take to splice it into")
                if segment.id in skipped:
                    statuses.append(self.tts_status(segment, TakeState.SKIPPED, self.rel(by_segment[FULL_TAKE].path),
                                                    f"not in the whole-episode take; TTS voices segment {segment.id}"))
                else:
                    statuses.append(self.tts_status(segment, TakeState.NONE))
                continue
            status, samples, take_status = self.verdict(segment, cand, pickups.get(segment.id, []))
            statuses.append(status)
            problems += [Problem(self.folder / v.file, v.reason) for v in status.pickups if v.reason == OTHER_TAKE]
            if status.source == Source.NARRATOR and segment.id in self.tts:
                narrated[segment.id] = take_audio(segment, cand.samples if samples is None else samples,
                                                  cand.sample_rate, self.tts[segment.id], cand.file)
                before = accepted.get(segment.id)
                if take_status.state == TakeState.MATCHED and not take_status.forced:
                    accepted[segment.id] = Accepted(cand.file, cand.digest, segment.text_hash, segment.text,
                                                    before.pickups if before else {})
                used = {file_digest(self.folder / v.file): cand.digest for v in status.pickups if v.used}
                if used and segment.id in accepted:  # a forced take never accepted has no entry to keep them in
                    entry = accepted[segment.id]
                    accepted[segment.id] = replace(entry, pickups={**entry.pickups, **used})
        return Assessment(statuses, narrated, accepted, problems)


OTHER_TAKE = "spliced into another take of its segment (recordings/takes.lock); record it again for this take; not used"


def untaken(pickups: list[PickupFile], why: str) -> list[Problem]:
    """The pickups of a segment whose take is missing or unusable, each reported rather than silently dropped."""
    return [Problem(p.path, f"a pickup of {p.segment_id}, but {why}; not used") for p in pickups]


def assess(folder: Path, script: Script, tts: list[SegmentAudio], recognizer: Transcripts,
           accepted: dict[str, Accepted], forced: frozenset[str], respell: Callable[[str], str] | None = None) -> Assessment:
    """Decide, per segment, whether the narrator's take or TTS is heard, and why; with respell (the lexicon's: a
    word said as it says counts as read), the pickups each take needs too (the narrator's tools list them; the
    build does not need them)."""
    return Assessor(folder, script, tts, recognizer, accepted, forced, respell).assess()
