"""Show notes: the episode's HTML notes for the feed (content:encoded): description and who reads it, the item
list with links, authors and summarizers, chapter times, and links to the newsletter and the episode page."""
from __future__ import annotations

from ..config import Show
from .catalog import EpisodeEntry
from .disclosure import episode_description
from .templating import render


def show_notes_html(show: Show, entry: EpisodeEntry, page_url: str) -> str:
    return render("shownotes.html", entry=entry, description=episode_description(show, entry),
                  page_url=page_url).strip()
