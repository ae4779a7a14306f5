"""podcast status EPISODE_DIR [--format json]: per segment, narrator or TTS, and whether its take is
matched, mismatched or stale, with duration and match score."""
from __future__ import annotations

import json
from pathlib import Path

from .common import add_cache_option, cache_dirs, load_show_for


def episode_takes(args, folder: Path):
    """The episode and what each of its segments would be voiced with (TTS is synthesized or read from cache)."""
    from ..episode import load_episode, load_voices
    from ..narration import assess_takes
    from ..voicing import SegmentCache, voice_script_here

    show = load_show_for(args, [folder])
    episode = load_episode(folder, show)
    caches = cache_dirs(args)
    tts = voice_script_here(episode.script, *load_voices(show), SegmentCache(caches.segments))
    return episode, assess_takes(folder, episode.script, tts, caches.recognition)


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
    _, result = episode_takes(args, args.episode)
    if args.format == "json":
        print(json.dumps({"segments": [s.as_json() for s in result.statuses],
                          "problems": [str(p) for p in result.problems]}, indent=2))
        return
    print(as_table(result.statuses))
    for problem in result.problems:
        print(problem)


def write_recording_script(args) -> None:
    """`podcast script --recording-script`: the narrator's printable script, with each segment's take status,
    written into EPISODE_DIR as recording-script.html and recording-script.md."""
    from ..files import write_atomic
    from ..publishing.recording_script import recording_script

    episode, takes = episode_takes(args, args.episode)
    for name, text in recording_script(episode.meta.title, episode.script, takes.statuses).items():
        path = args.episode / name
        write_atomic(path, text.encode("utf-8"))
        print(path)


def register(sub) -> None:
    p = sub.add_parser("status", help="per segment: narrator's take or TTS, matched, mismatched or stale")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR")
    p.add_argument("--format", choices=["table", "json"], default="table")
    add_cache_option(p)
    p.set_defaults(run=run)
