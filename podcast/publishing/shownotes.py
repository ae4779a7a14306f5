"""Show notes: the episode's HTML notes for the feed (content:encoded): description, the item list with
links, authors and summarizers, chapter times, and links to the newsletter and the episode page."""
from __future__ import annotations

from .catalog import EpisodeEntry
from .templating import render


def show_notes_html(entry: EpisodeEntry, page_url: str) -> str:
    return render("shownotes.html", entry=entry, page_url=page_url).strip()
