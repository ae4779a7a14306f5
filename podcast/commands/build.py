"""podcast build EPISODE_DIR... [--site DIR]: build episodes into the site and rewrite its feed."""
from __future__ import annotations

from pathlib import Path

from .common import add_cache_option, cache_dir, load_show_for


def run(args) -> None:
    from ..build import build

    show = load_show_for(args, args.episodes)
    entries = build(args.episodes, show, args.site, cache_dir(args))
    for entry in entries:
        print(f"built episode {entry.number}: {args.site / entry.audio} ({entry.duration_s / 60:.1f} min, "
              f"{len(entry.chapters)} chapters)")
    print(f"feed: {args.site / 'feed.xml'}")


def register(sub) -> None:
    p = sub.add_parser("build", help="build episodes into the site and rewrite its feed")
    p.add_argument("episodes", type=Path, nargs="+", metavar="EPISODE_DIR")
    p.add_argument("--site", type=Path, default=Path("public"), help="site folder (default: public/)")
    add_cache_option(p)
    p.set_defaults(run=run)
