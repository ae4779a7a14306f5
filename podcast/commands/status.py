"""podcast status EPISODE_DIR [--format table|json]: per segment, narrator or TTS, and whether its take is
matched, mismatched or stale, with duration and match score; and the listening check's findings as last run
(`podcast check` or `podcast build --check` runs it). Nothing is synthesized: the TTS is read from the cache where
a build left it; a segment not voiced yet is said to be, and its take is judged by what the recognizer hears in it
alone (its length is compared with the TTS's once there is one)."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..terminal import printable
from .common import EPISODE_HELP, add_cache_option, cache_dirs, episodes_and_show

if TYPE_CHECKING:
    from ..episode import Episode
    from ..narration import Assessment
    from ..scripting import Script
    from ..voicing import Lexicon


@dataclass(frozen=True)
class EpisodeTakes:
    """An episode folder, the episode (its statement of who reads it worded as the narrator would read it), its
    TTS as the cache has it (None: not voiced yet) and what each of its segments would be voiced with."""

    folder: Path
    episode: Episode
    tts: list
    takes: Assessment
    lexicon: Lexicon

    def heard(self) -> tuple[Script, list]:
        """The segments voiced already, and each one's audio as listeners would hear it: the accepted take, else
        the TTS."""
        pairs = [(segment, self.takes.narrated.get(segment.id, audio))
                 for segment, audio in zip(self.episode.script.segments, self.tts)]
        pairs = [(segment, audio) for segment, audio in pairs if audio is not None]
        return replace(self.episode.script, segments=tuple(s for s, _ in pairs)), [a for _, a in pairs]


def episode_takes(args, name: Path) -> EpisodeTakes:
    """The episode and what each of its segments would be voiced with; the statement of who reads it worded as
    the narrator would read it, its take judged as the build judges it."""
    from ..heard_script import judged_takes
    from ..episode import load_episode, load_voices
    from ..scripting import Script
    from ..voicing import SegmentCache, load_engines, voiced_already

    [folder], show = episodes_and_show(args, [name])
    episode = load_episode(folder, show, narrator_reads_statement=True)
    caches = cache_dirs(args)
    cast, lexicon = load_voices(show)
    engines = load_engines({s.role for s in episode.script.segments}, cast)
    cache = SegmentCache(caches.segments)

    def cached(segments):
        return voiced_already(Script(tuple(segments), ()), cast, engines, lexicon, cache)

    script, tts, result = judged_takes(episode, cached(list(episode.script.segments)), show, caches.recognition,
                                       cached, narrator_reads_statement=True, respell=lexicon.respell)
    unvoiced = {s.id for s, audio in zip(script.segments, tts) if audio is None}
    result.statuses = [not_voiced(s) if s.segment_id in unvoiced else s for s in result.statuses]
    return EpisodeTakes(folder, replace(episode, script=script), tts, result, lexicon)


def not_voiced(status):
    """A segment whose TTS is not in the cache, its note saying so."""
    note = NOT_VOICED + ("; the take's length is checked against it then" if status.take else "")
    return replace(status, note="; ".join(x for x in [status.note, note] if x))


NOT_VOICED = "not voiced yet (podcast build voices it)"


def listening_check(args, found: EpisodeTakes, hear: bool):
    """The listening check of the segments voiced already, as listeners would hear them; hear=False looks the
    results up only."""
    from ..listening import listen

    caches = cache_dirs(args)
    script, audios = found.heard()
    return listen(script, audios, found.lexicon.respell, caches.recognition, caches.listening, hear=hear)


def clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def findings_table(findings) -> str:
    """One line per finding: segment, time in the segment, what was written and what was heard."""
    width = max((len(f.segment_id) for f in findings), default=10)
    lines = [f"{'segment':<{width}}  {'time':>6}  written -> heard"]
    for f in findings:
        lines.append(f"{f.segment_id:<{width}}  {clock(f.start_s):>6}  {f.written or '(nothing)'!s} -> "
                     f"{f.heard or '(not heard)'}")
    return "\n".join(lines)


def pickups_table(statuses) -> str:
    """One line per pickup needed: segment, sentence number, time in the take, why, the sentence and what was
    heard there."""
    pickups = [p for s in statuses for p in s.pickups_needed]
    width = max((len(p.segment_id) for p in pickups), default=10)
    lines = [f"{'segment':<{width}}  {'#':>3}  {'time':>6}  why: sentence (heard)"]
    for p in pickups:
        heard = f" (heard: {p.heard})" if p.heard else ""
        lines.append(f"{p.segment_id:<{width}}  {p.sentence + 1:>3}  {clock(p.start_s):>6}  {p.why}: {p.text}{heard}")
    return "\n".join(lines)


def as_table(statuses) -> str:
    width = max((len(s.segment_id) for s in statuses), default=10)
    lines = [f"{'segment':<{width}}  {'source':<8}  {'state':<10}  {'duration':>8}  {'score':>5}  take / note"]
    for s in statuses:
        score = "" if s.score is None else f"{s.score:.2f}"
        duration = f"{s.duration_s:>7.1f}s" if s.duration_s else f"{'-':>8}"
        detail = " ".join(x for x in [s.take or "", f"(like {s.best_match})" if s.best_match else "",
                                      "[forced]" if s.forced else "", s.note] if x)
        lines.append(f"{s.segment_id:<{width}}  {s.source:<8}  {s.state:<10}  {duration}  {score:>5}  {detail}")
        lines += [f"{'':<{width}}  pickup {p.describe()}" for p in s.pickups]
    return "\n".join(lines)


def run(args) -> None:
    found = episode_takes(args, args.episode)
    result = found.takes
    listening = listening_check(args, found, hear=False)
    checks = listening.by_segment()
    if args.format == "json":
        segments = [{**s.as_json(), "findings": [{k: v for k, v in f.as_json().items() if k != "id"}
                                                 for f in checks[s.segment_id].findings]
                                                if s.segment_id in checks else None} for s in result.statuses]
        print(printable(json.dumps({"segments": segments, "problems": [str(p) for p in result.problems],
                                    "listening": listening.as_json()}, indent=2, ensure_ascii=False)))
        return
    print(printable(as_table(result.statuses)))
    for problem in result.problems:
        print(printable(str(problem)))
    if any(s.pickups_needed for s in result.statuses):
        print(printable(f"pickups needed:\n{pickups_table(result.statuses)}"))
    if listening.findings:
        print(printable(f"heard differently:\n{findings_table(listening.findings)}"))
    print(listening.summary() + ("" if not listening.unchecked else f" (podcast check {args.episode})"))


def write_recording_script(args) -> None:
    """`podcast script --recording-script`: the narrator's printable script, with each segment's take status,
    written into EPISODE_DIR as recording-script.html and recording-script.md; with --pickups, only the pickups
    needed are printed (segment, sentence, why), and nothing is written."""
    from ..files import write_atomic
    from ..publishing.recording_script import pickups_list, recording_script

    found = episode_takes(args, args.episode)
    if args.pickups:
        print(printable(pickups_list(found.takes.statuses)))
        return
    for name, text in recording_script(found.episode.meta.title, found.episode.script, found.takes.statuses).items():
        path = found.folder / name
        write_atomic(path, text.encode("utf-8"))
        print(printable(str(path)))


def register(sub) -> None:
    p = sub.add_parser("status", help="per segment: narrator's take or TTS, matched, mismatched or stale "
                                      "(synthesizes nothing)")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR", help=EPISODE_HELP)
    p.add_argument("--format", choices=["table", "json"], default="table", help="table or json (default: %(default)s)")
    add_cache_option(p)
    p.set_defaults(run=run)
