"""podcast status EPISODE_DIR [--format json]: per segment, narrator or TTS, and whether its take is
matched, mismatched or stale, with duration and match score; and the listening check's findings as last run
(`podcast check` or `podcast build --check` runs it)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .common import add_cache_option, cache_dirs, load_show_for

if TYPE_CHECKING:
    from ..episode import Episode
    from ..narration import Assessment
    from ..voicing import Lexicon


@dataclass(frozen=True)
class EpisodeTakes:
    """An episode, its TTS and what each of its segments would be voiced with."""

    episode: Episode
    tts: list
    takes: Assessment
    lexicon: Lexicon

    def audios(self) -> list:
        """Each segment's audio as listeners would hear it: the accepted take, else the TTS."""
        return [self.takes.narrated.get(a.segment_id, a) for a in self.tts]


def episode_takes(args, folder: Path) -> EpisodeTakes:
    """The episode and what each of its segments would be voiced with (TTS is synthesized or read from cache)."""
    from ..episode import load_episode, load_voices
    from ..narration import assess_takes
    from ..voicing import SegmentCache, voice_script_here

    show = load_show_for(args, [folder])
    episode = load_episode(folder, show)
    caches = cache_dirs(args)
    cast, lexicon = load_voices(show)
    tts = voice_script_here(episode.script, cast, lexicon, SegmentCache(caches.segments))
    return EpisodeTakes(episode, tts, assess_takes(folder, episode.script, tts, caches.recognition), lexicon)


def listening_check(args, found: EpisodeTakes, hear: bool):
    """The listening check of the episode as listeners would hear it; hear=False looks it up only."""
    from ..listening import listen

    caches = cache_dirs(args)
    return listen(found.episode.script, found.audios(), found.lexicon.respell, caches.recognition, caches.listening,
                  hear=hear)


def as_table(statuses) -> str:
    width = max((len(s.segment_id) for s in statuses), default=10)
    lines = [f"{'segment':<{width}}  {'source':<8}  {'state':<10}  {'duration':>8}  {'score':>5}  take / note"]
    for s in statuses:
        score = "" if s.score is None else f"{s.score:.2f}"
        detail = " ".join(x for x in [s.take or "", f"(like {s.best_match})" if s.best_match else "",
                                      "[forced]" if s.forced else "", s.note] if x)
        lines.append(f"{s.segment_id:<{width}}  {s.source:<8}  {s.state:<10}  {s.duration_s:>7.1f}s  {score:>5}  {detail}")
    return "\n".join(lines)


def run(args) -> None:
    from .check import findings_table

    found = episode_takes(args, args.episode)
    result = found.takes
    listening = listening_check(args, found, hear=False)
    checks = listening.by_segment()
    if args.format == "json":
        segments = [{**s.as_json(), "findings": [{k: v for k, v in f.as_json().items() if k != "id"}
                                                 for f in checks[s.segment_id].findings]
                                                if s.segment_id in checks else None} for s in result.statuses]
        print(json.dumps({"segments": segments, "problems": [str(p) for p in result.problems],
                          "listening": listening.as_json()}, indent=2, ensure_ascii=False))
        return
    print(as_table(result.statuses))
    for problem in result.problems:
        print(problem)
    if listening.findings:
        print(f"heard differently:\n{findings_table(listening.findings)}")
    print(listening.summary() + ("" if not listening.unchecked else f" (podcast check {args.episode})"))


def write_recording_script(args) -> None:
    """`podcast script --recording-script`: the narrator's printable script, with each segment's take status,
    written into EPISODE_DIR as recording-script.html and recording-script.md."""
    from ..files import write_atomic
    from ..publishing.recording_script import recording_script

    found = episode_takes(args, args.episode)
    for name, text in recording_script(found.episode.meta.title, found.episode.script, found.takes.statuses).items():
        path = args.episode / name
        write_atomic(path, text.encode("utf-8"))
        print(path)


def register(sub) -> None:
    p = sub.add_parser("status", help="per segment: narrator's take or TTS, matched, mismatched or stale")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR")
    p.add_argument("--format", choices=["table", "json"], default="table")
    add_cache_option(p)
    p.set_defaults(run=run)
