"""podcast status EPISODE_DIR [--format table|json]: per segment, narrator or TTS, and whether its take is
matched, mismatched or stale, with duration and match score. Nothing is synthesized: the TTS is read from the
cache where a build left it; a segment not voiced yet is said to be, and its take is judged by what the recognizer
hears in it alone (its length is compared with the TTS's once there is one)."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..terminal import printable
from .common import EPISODE_HELP, add_cache_option, cache_dirs, episodes_and_show


def episode_takes(args, name: Path):
    """The episode folder, the episode and what each of its segments would be voiced with; the statement of who
    reads it worded as the narrator would read it, its take judged as the build judges it."""
    from ..build import judged_takes
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
                                       cached, narrator_reads_statement=True)
    unvoiced = {s.id for s, audio in zip(script.segments, tts) if audio is None}
    result.statuses = [not_voiced(s) if s.segment_id in unvoiced else s for s in result.statuses]
    return folder, replace(episode, script=script), result


def not_voiced(status):
    """A segment whose TTS is not in the cache, its note saying so."""
    note = NOT_VOICED + ("; the take's length is checked against it then" if status.take else "")
    return replace(status, note="; ".join(x for x in [status.note, note] if x))


NOT_VOICED = "not voiced yet (podcast build voices it)"


def as_table(statuses) -> str:
    width = max((len(s.segment_id) for s in statuses), default=10)
    lines = [f"{'segment':<{width}}  {'source':<8}  {'state':<10}  {'duration':>8}  {'score':>5}  take / note"]
    for s in statuses:
        score = "" if s.score is None else f"{s.score:.2f}"
        duration = f"{s.duration_s:>7.1f}s" if s.duration_s else f"{'-':>8}"
        detail = " ".join(x for x in [s.take or "", f"(like {s.best_match})" if s.best_match else "",
                                      "[forced]" if s.forced else "", s.note] if x)
        lines.append(f"{s.segment_id:<{width}}  {s.source:<8}  {s.state:<10}  {duration}  {score:>5}  {detail}")
    return "\n".join(lines)


def run(args) -> None:
    _, _, result = episode_takes(args, args.episode)
    if args.format == "json":
        print(printable(json.dumps({"segments": [s.as_json() for s in result.statuses],
                                    "problems": [str(p) for p in result.problems]}, indent=2)))
        return
    print(printable(as_table(result.statuses)))
    for problem in result.problems:
        print(printable(str(problem)))


def write_recording_script(args) -> None:
    """`podcast script --recording-script`: the narrator's printable script, with each segment's take status,
    written into EPISODE_DIR as recording-script.html and recording-script.md."""
    from ..files import write_atomic
    from ..publishing.recording_script import recording_script

    folder, episode, takes = episode_takes(args, args.episode)
    for name, text in recording_script(episode.meta.title, episode.script, takes.statuses).items():
        path = folder / name
        write_atomic(path, text.encode("utf-8"))
        print(printable(str(path)))


def register(sub) -> None:
    p = sub.add_parser("status", help="per segment: narrator's take or TTS, matched, mismatched or stale "
                                      "(synthesizes nothing)")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR", help=EPISODE_HELP)
    p.add_argument("--format", choices=["table", "json"], default="table", help="table or json (default: %(default)s)")
    add_cache_option(p)
    p.set_defaults(run=run)
