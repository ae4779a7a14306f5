"""An episode folder read and scripted, and the show's voices: what the build and every command that works on
an episode start from. Like build.py it knows several stages (reading, scripting, the takes' names, voicing); all
but reading are imported only when used, so the up-to-date check does not wait for them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import EpisodeMeta, Show, load_episode_meta
from .errors import InputError
from .folders import FULL_TAKE, EpisodeFolder, VoicesFolder
from .reading import Issue, find_issue_file, read_issue
from .reading.read import READERS

if TYPE_CHECKING:
    from .scripting import Script
    from .voicing import Cast, Lexicon


@dataclass(frozen=True)
class Episode:
    """An episode folder, read and scripted."""

    folder: Path
    meta: EpisodeMeta
    issue: Issue
    script: Script


ISSUE_FILES = ", ".join(f"issue{ext}" for ext in READERS)
"""The issue's file names an episode folder may hold, one of them."""


def check_folder(folder: Path) -> None:
    """An episode folder: one with episode.toml (its issue file is looked for when it is read)."""
    if not folder.exists():
        raise InputError(folder, "no such episode folder")
    if not folder.is_dir():
        raise InputError(folder, f"is a file, not an episode folder (a folder with episode.toml and one of "
                                 f"{ISSUE_FILES})")
    if not EpisodeFolder(folder).toml.is_file():
        raise InputError(folder, f"not an episode folder: it has no episode.toml (podcast new makes the folder: "
                                 f"episode.toml and one of {ISSUE_FILES})")


def load_meta(folder: Path) -> EpisodeMeta:
    """The episode folder's episode.toml, read and checked."""
    check_folder(folder)
    return load_episode_meta(EpisodeFolder(folder).toml)


def takes_named(folder: Path, script: Script) -> set[str]:
    """The ids of the segments a take in the folder's recordings/ is named after (every one for a whole-episode
    take): what the narrator reads if each take is accepted."""
    from .narration.takes import find_takes

    ids = [s.id for s in script.segments]
    named = {take.segment_id for take in find_takes(EpisodeFolder(folder), ids)[0]}
    return set(ids) if FULL_TAKE in named else named


def load_episode(folder: Path, show: Show, narrator_reads_statement: bool = False) -> Episode:
    """The episode read and scripted, its statement of who reads it as the takes found by name would make it
    (the build rewords it once the takes are judged). narrator_reads_statement: worded as when the narrator's
    take of the statement is used too (for the narrator's tools: status, studio, recording script)."""
    from .scripting import reading_of, statement_of, with_statement, write_script

    meta = load_meta(folder)
    issue = read_issue(find_issue_file(folder))
    script = write_script(issue, meta, show)
    narrated = takes_named(folder, script)
    statement = statement_of(script)
    if narrator_reads_statement and statement is not None:
        narrated.add(statement.id)
    return Episode(folder, meta, issue, with_statement(script, show, reading_of(script, narrated)))


def load_voices(show: Show) -> tuple[Cast, Lexicon]:
    """The show's cast and lexicon (voices/cast.toml, voices/lexicon.toml)."""
    from .voicing import load_cast, load_lexicon

    voices = VoicesFolder.of(show.root)
    return load_cast(voices.cast), load_lexicon(voices.lexicon)
