"""Command line: podcast build | script. Errors are printed as one line with a non-zero exit, never a traceback."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from platformdirs import user_cache_dir

from .config import Show, load_show
from .errors import InputError, PodcastError


def find_show_file(explicit: Path | None, episode_dirs: list[Path]) -> Path:
    """--show, else the nearest podcast.toml above the first episode folder, else ./podcast.toml."""
    if explicit:
        return explicit
    for folder in [p.resolve() for p in episode_dirs[:1]]:
        for parent in folder.parents:
            if (parent / "podcast.toml").exists():
                return parent / "podcast.toml"
    return Path("podcast.toml")


def load_show_for(args, episode_dirs: list[Path]) -> Show:
    return load_show(find_show_file(args.show, episode_dirs))


def cache_dir(args) -> Path:
    return Path(args.cache or os.environ.get("PODCAST_CACHE") or user_cache_dir("podcast")) / "segments"


def cmd_build(args) -> None:
    from .build import build

    show = load_show_for(args, args.episodes)
    entries = build(args.episodes, show, args.site, cache_dir(args))
    for entry in entries:
        print(f"built episode {entry.number}: {args.site / entry.audio} ({entry.duration_s / 60:.1f} min, "
              f"{len(entry.chapters)} chapters)")
    print(f"feed: {args.site / 'feed.xml'}")


def cmd_script(args) -> None:
    from .build import load_episode

    episode = load_episode(args.episode, load_show_for(args, [args.episode]))
    script = episode.script
    if args.format == "json":
        data = {"segments": [{**asdict(s), "text_hash": s.text_hash} for s in script.segments],
                "skipped": [asdict(s) for s in script.skipped]}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    print(f"# {episode.meta.title}\n")
    for s in script.segments:
        print(f"## {s.id}\n*{s.kind}, voice {s.voice}, chapter \"{s.chapter}\"*\n\n{s.text}\n")
    print("## Skipped (not spoken)\n")
    for s in script.skipped:
        print(f"- **{s.reason}**: {s.text}")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="podcast", description="Alignment Newsletter issues -> podcast episodes.")
    p.add_argument("--show", type=Path, help="podcast.toml (default: the nearest one above the episode folder)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build episodes into the site and rewrite its feed")
    b.add_argument("episodes", type=Path, nargs="+", metavar="EPISODE_DIR")
    b.add_argument("--site", type=Path, default=Path("public"), help="site folder (default: public/)")
    b.add_argument("--cache", type=Path, help="segment cache folder (default: $PODCAST_CACHE or the user cache dir)")
    b.set_defaults(run=cmd_build)
    s = sub.add_parser("script", help="print the spoken script")
    s.add_argument("episode", type=Path, metavar="EPISODE_DIR")
    s.add_argument("--format", choices=["md", "json"], default="md")
    s.set_defaults(run=cmd_script)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        args.run(args)
    except PodcastError as e:
        print(f"podcast: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("podcast: interrupted; the published site is unchanged", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
