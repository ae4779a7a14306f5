"""Reading the project's TOML files (podcast.toml, episode.toml, voices/cast.toml, voices/lexicon.toml), with
one error style: an InputError naming the file and what is wrong with it."""
from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import InputError


def read_toml(path: Path) -> dict:
    """The file's tables; a missing, unreadable, non-UTF-8 or malformed file is an InputError."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(path, f"not valid TOML ({e})") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
