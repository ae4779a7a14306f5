"""What the subcommands share: finding the show file and the cache folders."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from platformdirs import user_cache_dir

from ..caches import CacheDirs
from ..config import Show, load_show


def find_show_file(explicit: Path | None, episode_dirs: list[Path]) -> Path:
    """--show, else the nearest podcast.toml above the first episode folder, else ./podcast.toml."""
    if explicit:
        return explicit
    for folder in [p.resolve() for p in episode_dirs[:1]]:
        for parent in folder.parents:
            if (parent / "podcast.toml").exists():
                return parent / "podcast.toml"
    return Path("podcast.toml")


def load_show_for(args: argparse.Namespace, episode_dirs: list[Path]) -> Show:
    return load_show(find_show_file(args.show, episode_dirs))


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", type=Path, help="segment cache folder (default: $PODCAST_CACHE or the user cache dir)")


def cache_dirs(args: argparse.Namespace) -> CacheDirs:
    return CacheDirs(Path(args.cache or os.environ.get("PODCAST_CACHE") or user_cache_dir("podcast")))
