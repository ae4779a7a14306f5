"""Where a command's arguments point, as the producer means them, wherever the command is run from: the show's
podcast.toml (found upward from the episode folder, else from the current folder) and each episode folder
(`98`, `098` or `episodes/98` for episodes/098, beside the argument or in the show's episodes/ folder)."""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from ..errors import InputError

SHOW_FILE = "podcast.toml"
EPISODES = "episodes"
"""The show's folder of episode folders, beside its podcast.toml."""
NEAREST = 3
"""How many near names a missing episode folder's message lists."""


def nearest_show_file(start: Path) -> Path | None:
    """The podcast.toml in start or the nearest folder above it, or None."""
    start = start.resolve()
    return next((folder / SHOW_FILE for folder in [start, *start.parents] if (folder / SHOW_FILE).is_file()), None)


def find_show_file(explicit: Path | None, episode_dirs: list[Path]) -> Path:
    """--show, else the nearest podcast.toml at or above the first episode folder, else at or above the current
    folder; none is an InputError saying where it looked."""
    if explicit:
        return explicit
    starts = [*episode_dirs[:1], Path.cwd()]
    for start in starts:
        found = nearest_show_file(start)
        if found:
            return Path(SHOW_FILE) if start == Path.cwd() and found == start / SHOW_FILE else found
    looked = [str(start.resolve()) for start in starts]
    if len(looked) == 2 and Path(looked[0]).is_relative_to(looked[1]):
        looked = looked[:1]  # the episode folder is inside the current folder: the one search covered both
    raise InputError(SHOW_FILE, f"not found in {' nor in '.join(looked)} or any folder above "
                                f"{'them' if len(looked) > 1 else 'it'}; give the show's file with --show FILE")


def show_episodes_folder(explicit: Path | None) -> Path | None:
    """The show's episodes/ folder (--show's, else that of the nearest podcast.toml at or above the current
    folder), or None when there is no show file."""
    show_file = explicit or nearest_show_file(Path.cwd())
    return shown(show_file.parent / EPISODES) if show_file else None


def shown(path: Path) -> Path:
    """A path as messages and output give it: relative to the current folder when it is inside it."""
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(Path.cwd()) if absolute.is_relative_to(Path.cwd()) else absolute


def episode_folder(name: Path, episodes: Path | None) -> Path:
    """The episode folder an EPISODE_DIR argument means: the folder itself when it exists; else the folder of the
    same issue number written otherwise (98 for 098) beside where it points or in the show's episodes/ folder
    (episodes, when there is a show); a missing one is an InputError listing the nearest names."""
    if name.is_dir():
        return name
    if name.exists():
        from ..episode import ISSUE_FILES

        raise InputError(name, f"is a file, not an episode folder (a folder with episode.toml and one of "
                               f"{ISSUE_FILES})")
    candidates = [p for p in [name.parent, episodes] if p is not None and p.is_dir()]
    places = list({Path(os.path.abspath(p)): p for p in candidates}.values())  # each folder once
    folders = [shown(place / entry.name) for place in places for entry in os.scandir(place) if entry.is_dir()]
    number = int(name.name) if re.fullmatch(r"[0-9]+", name.name) else None
    same = [f for f in folders if number is not None and re.fullmatch(r"[0-9]+", f.name) and int(f.name) == number]
    if len(same) == 1:
        return same[0]
    if same:
        raise InputError(name, f"more than one folder of episode {number}: {', '.join(map(str, same))}; name one")
    near = near_folders(name.name, number, folders)
    where = " or ".join(map(described, places)) or described(name.parent)
    if near:
        hint = f"nearest: {', '.join(map(str, near))}"
    elif episodes is None:
        hint = (f"nothing near it in {where}, and no podcast.toml at or above {Path.cwd()} whose episodes/ to look "
                f"in (give the show with --show FILE)")
    else:
        hint = f"nothing near it in {where}" if folders else f"{where} holds no episode folder"
    raise InputError(name, f"no such episode folder; {hint}")


def described(folder: Path) -> str:
    return "the current folder" if folder == Path(".") else str(folder)


def near_folders(name: str, number: int | None, folders: list[Path]) -> list[Path]:
    """The folders nearest a missing one: by issue number when it is one, else by spelling."""
    numbered = [f for f in folders if re.fullmatch(r"[0-9]+", f.name)]
    if number is not None and numbered:
        return sorted(numbered, key=lambda f: (abs(int(f.name) - number), -int(f.name)))[:NEAREST]
    names = difflib.get_close_matches(name, [f.name for f in folders], n=NEAREST)
    return [next(f for f in folders if f.name == n) for n in names]
