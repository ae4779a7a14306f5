"""podcast script EPISODE_DIR [--format md|json]: print the spoken script and the skipped boilerplate."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..errors import UsageError
from ..terminal import printable
from .common import EPISODE_HELP, add_cache_option, episodes_and_show


def as_json(script) -> str:
    data = {"segments": [{**asdict(s), "voice": s.role, "text_hash": s.text_hash} for s in script.segments],
            "skipped": [asdict(s) for s in script.skipped]}
    return json.dumps(data, indent=2, ensure_ascii=False)


def as_markdown(title: str, script) -> str:
    lines = [f"# {title}", ""]
    for s in script.segments:
        lines += [f"## {s.id}", f"*{s.kind}, voice {s.role}, chapter \"{s.chapter}\"*", "", s.text, ""]
    lines += ["## Skipped (not spoken)", ""]
    lines += [f"- **{s.reason}**: {s.text}" for s in script.skipped]
    return "\n".join(lines)


def run(args) -> None:
    """The script as listeners would hear it if every take in recordings/ is accepted: the statement of who reads
    the episode worded so (the synthetic wording when there is none), the synthetic chapters announced when the
    show asks; the build words them from the takes it uses (`podcast status` tells which)."""
    from ..episode import load_episode, takes_named
    from ..scripting import with_announcements

    if args.pickups and not args.recording_script:
        raise UsageError("--pickups goes with --recording-script (it prints the recording script's pickups needed)")
    if args.recording_script:
        from .status import write_recording_script

        return write_recording_script(args)
    [folder], show = episodes_and_show(args, [args.episode])
    episode = load_episode(folder, show)
    script = with_announcements(episode.script, show, takes_named(episode.folder, episode.script))
    print(printable(as_json(script) if args.format == "json" else as_markdown(episode.meta.title, script)))


def register(sub) -> None:
    p = sub.add_parser("script", help="print the spoken script")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR", help=EPISODE_HELP)
    p.add_argument("--format", choices=["md", "json"], default="md",
                   help="md (Markdown) or json (default: %(default)s)")
    p.add_argument("--recording-script", action="store_true",
                   help="write the narrator's recording script (HTML and Markdown, with take status) into EPISODE_DIR")
    p.add_argument("--pickups", action="store_true",
                   help="with --recording-script: print only the pickups needed (segment, sentence, why), "
                        "to record sentence by sentence")
    add_cache_option(p)
    p.set_defaults(run=run)
