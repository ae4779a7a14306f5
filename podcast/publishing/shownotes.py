"""Show notes: the episode's HTML notes for the feed (content:encoded): the description when it is more than
the item titles, and who reads the episode; one list of the chapters at their times (apps make the times seek),
each with the item it reads, linked, its authors and summarizers (so every title is given once), and links to the
newsletter and the episode page."""
from __future__ import annotations

from dataclasses import dataclass

from ..config import Show
from .catalog import EpisodeEntry
from .disclosure import statement_of
from .templating import render


@dataclass(frozen=True)
class NoteRow:
    """One line of the notes: a chapter, with what is known of the item it reads."""

    start_s: float
    title: str
    url: str | None
    authors: str | None = None
    summarizers: tuple[str, ...] = ()


def note_rows(entry: EpisodeEntry) -> list[NoteRow]:
    """The chapters in time order, each with the item it reads (EpisodeEntry.item_chapters; the opening and
    closing read none)."""
    reads = {id(chapter): item for item, chapter in entry.item_chapters() if chapter is not None}
    rows = []
    for chapter in sorted(entry.chapters, key=lambda c: c.start_s):
        item = reads.get(id(chapter))
        if item is None:
            rows.append(NoteRow(chapter.start_s, chapter.title, chapter.url))
        else:
            rows.append(NoteRow(chapter.start_s, item.title, item.url or chapter.url, item.authors,
                                tuple(item.summarizers)))
    return rows


def show_notes_html(show: Show, entry: EpisodeEntry, page_url: str) -> str:
    return render("shownotes.html", entry=entry, statement=statement_of(show, entry), rows=note_rows(entry),
                  page_url=page_url).strip()
