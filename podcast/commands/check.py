"""podcast check EPISODE_DIR [--format json]: the listening check alone: every segment as listeners will hear it
(TTS or the narrator's accepted take) heard by Whisper and compared with its text; prints the words heard
differently. Each segment is heard once: an unchanged episode is checked again from the cache."""
from __future__ import annotations

import json
from pathlib import Path

from .common import EPISODE_HELP, add_cache_option
from .status import episode_takes, findings_table, listening_check


def run(args) -> None:
    report = listening_check(args, episode_takes(args, args.episode), hear=True)
    if args.format == "json":
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        return
    if report.findings:
        print(findings_table(report.findings))
    print(f"{report.summary()} ({report.heard} heard, {report.seconds:.1f} s)")


def register(sub) -> None:
    p = sub.add_parser("check", help="the listening check: words of each segment heard differently by Whisper")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR", help=EPISODE_HELP)
    p.add_argument("--format", choices=["table", "json"], default="table", help="table or json (default: %(default)s)")
    add_cache_option(p)
    p.set_defaults(run=run)
