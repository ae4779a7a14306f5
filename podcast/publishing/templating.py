"""The Jinja2 environment for everything publishing renders as HTML (show notes, show pages), with
autoescaping on, so a `<script>`, `&` or `<` in a newsletter title is text everywhere."""
from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def timestamp(seconds: float) -> str:
    """Seconds -> HH:MM:SS, the form podcast apps turn into links that seek."""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def minutes(seconds: float) -> str:
    """A duration for people: "23 min"."""
    return f"{max(1, round(seconds / 60))} min"


PAGE_TITLE_CHARS = 70
"""Search engines cut titles beyond this (html-validate's long-title rule)."""


def page_title(title: str, show_title: str) -> str:
    """"Episode · Show" when that fits in PAGE_TITLE_CHARS, else the episode's title, cut at a word with "…"."""
    both = f"{title} · {show_title}"
    if len(both) <= PAGE_TITLE_CHARS:
        return both
    if len(title) <= PAGE_TITLE_CHARS:
        return title
    return title[:PAGE_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:·-") + "…"


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("podcast.publishing", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["timestamp"] = timestamp
    env.filters["minutes"] = minutes
    env.globals["page_title"] = page_title
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
