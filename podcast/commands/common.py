"""What the subcommands share: the show and the episode folders their arguments name (paths.py), and the cache
folders."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from platformdirs import user_cache_dir

from ..caches import CacheDirs
from ..config import Show, load_show
from .paths import episode_folder, find_show_file, show_episodes_folder


EPISODE_HELP = ("an episode folder (episodes/098), or its issue number (98, 098) in the show's episodes/ folder, "
                "wherever the command is run from")
SHOW_HELP = ("the show's podcast.toml (default: the nearest one at or above the episode folder, else at or above "
             "the current folder)")


def load_show_for(args: argparse.Namespace, episode_dirs: list[Path]) -> Show:
    return load_show(find_show_file(args.show, episode_dirs))


def episodes_and_show(args: argparse.Namespace, names: list[Path]) -> tuple[list[Path], Show]:
    """The episode folders the EPISODE_DIR arguments mean (paths.episode_folder), and their show."""
    episodes = show_episodes_folder(args.show)
    folders = [episode_folder(name, episodes) for name in names]
    return folders, load_show_for(args, folders)


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="the cache folder: voiced segments, what the recognizer heard in takes, mastered pieces "
                             "(default: $PODCAST_CACHE, else the user cache dir, ~/.cache/podcast)")


def cache_dirs(args: argparse.Namespace) -> CacheDirs:
    return CacheDirs(Path(args.cache or os.environ.get("PODCAST_CACHE") or user_cache_dir("podcast")))
