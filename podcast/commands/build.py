"""podcast build EPISODE_DIR... [--site DIR] [--cache DIR] [--jobs N] [--check] [--executor local|ray --ray-address ADDR]: build episodes into the site and
rewrite its feed; episodes whose inputs did not change since they were published are left as they are."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import PodcastError
from ..terminal import plural
from .common import EPISODE_HELP, add_cache_option, cache_dirs, episodes_and_show


def positive_int(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def run(args) -> None:
    from ..build import build

    folders, show = episodes_and_show(args, args.episodes)
    if args.executor == "ray" and not args.ray_address:
        raise PodcastError("--executor ray needs --ray-address HOST:PORT (the cluster head), or 'auto'")
    ray_address = args.ray_address if args.executor == "ray" else None
    outcomes = build(folders, show, args.site, cache_dirs(args), jobs=args.jobs, ray_address=ray_address,
                     check=args.check)
    for outcome in outcomes:
        entry = outcome.entry
        if outcome.rebuilt:
            print(f"built episode {entry.number}: {args.site / entry.audio} ({entry.duration_s / 60:.1f} min, "
                  f"{plural(len(entry.chapters), 'chapter')})")
        else:
            print(f"episode {entry.number} is up to date: nothing synthesized or encoded ({args.site / entry.audio})")
    if any(o.rebuilt for o in outcomes):
        print(f"feed: {args.site / 'feed.xml'}")


def register(sub) -> None:
    p = sub.add_parser("build", help="build episodes into the site and rewrite its feed")
    p.add_argument("episodes", type=Path, nargs="+", metavar="EPISODE_DIR", help=f"one or more: {EPISODE_HELP}")
    p.add_argument("--site", type=Path, default=Path("public"), help="site folder (default: public/)")
    add_cache_option(p)
    p.add_argument("--jobs", type=positive_int, metavar="N",
                   help="worker processes for voicing (default: one per core)")
    p.add_argument("--executor", choices=["local", "ray"], default="local",
                   help="where segments are voiced: this machine (local) or a Ray cluster (ray) (default: %(default)s)")
    p.add_argument("--check", action="store_true",
                   help="also run the listening check (Whisper hears each changed segment; about a twentieth of "
                        "real time): its findings go on the review page (default: off; podcast check runs it alone)")
    p.add_argument("--ray-address", metavar="ADDR",
                   help="with --executor ray: the cluster head's HOST:PORT, or 'auto' (the cluster this machine "
                        "is in) (default: none; needed with --executor ray)")
    p.set_defaults(run=run)
