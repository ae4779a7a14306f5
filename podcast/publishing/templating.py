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


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("podcast.publishing", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["timestamp"] = timestamp
    env.filters["minutes"] = minutes
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
