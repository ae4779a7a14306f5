"""Which chapters of an issue's script a feed per audience ([feeds.NAME] sections) holds: the items under the
sections it names, with the opening (who reads it is said there) and the closing. write_script numbers the
chapters: 0 the opening, item n (from 1) chapter n, the closing the last."""
from __future__ import annotations

from ..reading import Issue


def selected_chapters(issue: Issue, sections: tuple[str, ...]) -> frozenset[int]:
    """The chapter indices of the items under any of the sections (a heading at any level, matched without
    regard to case), the opening and the closing; empty when no item is under one."""
    wanted = {name.casefold() for name in sections}
    items = {n for n, item in enumerate(issue.items, start=1) if wanted & {name.casefold() for name in item.section}}
    return frozenset({0, *items, len(issue.items) + 1}) if items else frozenset()
