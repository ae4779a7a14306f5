"""Who reads each episode, as the metadata says it: the statement its opening makes, after its description (the
feed item's description and show notes, the pages); the show's [disclosure] show statement after the show's
description while a synthetic voice reads any episode of the catalog; the episode page's "Read by ..."."""
from __future__ import annotations

from collections.abc import Iterable

from ..config import Show
from .catalog import EpisodeEntry

SYNTHETIC_VOICE = "a synthetic voice"
"""Who reads TTS, in the episode page's credits."""


def statement_of(show: Show, entry: EpisodeEntry) -> str:
    """The statement the episode's opening makes; the synthetic one for an entry published before it was recorded."""
    return entry.statement or show.disclosure.synthetic.format(narrator=show.narrator_name)


def episode_description(show: Show, entry: EpisodeEntry) -> str:
    """The episode's description followed by its statement."""
    return f"{entry.description} {statement_of(show, entry)}"


def show_description(show: Show, episodes: Iterable[EpisodeEntry]) -> str:
    """The show's description, followed by [disclosure] show while any of the episodes uses a synthetic voice."""
    if any(entry.reading != "narrator" for entry in episodes):
        return f"{show.description} {show.disclosure.show.format(narrator=show.narrator_name)}"
    return show.description


def read_by(entry: EpisodeEntry) -> str:
    """"Read by Rohin Shah", "Read by a synthetic voice", "Read by Rohin Shah and a synthetic voice"."""
    readers = [p.name for p in entry.people if "narrator" in p.roles]
    if entry.reading != "narrator" or not readers:
        readers.append(SYNTHETIC_VOICE)
    return "Read by " + " and ".join(readers)


def writers(entry: EpisodeEntry) -> list[str]:
    """The people credited as writers (who summarized an item or gave an opinion), in order."""
    return [p.name for p in entry.people if "writer" in p.roles]
