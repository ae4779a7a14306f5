"""Show notes: the episode's HTML description with the item list, links and chapter times."""
from __future__ import annotations

from html import escape

from .catalog import EpisodeEntry


def timestamp(seconds: float) -> str:
    """Seconds -> HH:MM:SS, the form podcast apps turn into chapter links."""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _link(text: str, url: str | None) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>' if url else escape(text)


def show_notes_html(entry: EpisodeEntry) -> str:
    parts = [f"<p>{escape(entry.description)}</p>"]
    if entry.items:
        rows = []
        for item in entry.items:
            byline = f" ({escape(item.authors)})" if item.authors else ""
            rows.append(f"<li>{_link(item.title, item.url)}{byline}</li>")
        parts.append("<p>In this issue:</p><ul>" + "".join(rows) + "</ul>")
    if entry.chapters:
        rows = [f"<li>{timestamp(c.start_s)} {_link(c.title, c.url)}</li>" for c in entry.chapters]
        parts.append("<p>Chapters:</p><ul>" + "".join(rows) + "</ul>")
    if entry.link:
        parts.append(f'<p>{_link("Read the newsletter issue", entry.link)}</p>')
    return "".join(parts)
