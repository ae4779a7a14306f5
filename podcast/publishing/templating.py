"""The Jinja2 environment for every page (show notes, show pages, the review page, the recording script, the
studio's page), with autoescaping on, so a `<script>`, `&` or `<` in a newsletter title is text everywhere."""
from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from .moments import moment_fragment


def timestamp(seconds: float) -> str:
    """Seconds -> HH:MM:SS, the form podcast apps turn into links that seek."""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def minutes(seconds: float) -> str:
    """A duration for people: "23 min"."""
    return f"{max(1, round(seconds / 60))} min"


PAGE_TITLE_CHARS = 70
"""Search engines cut titles beyond this (html-validate's long-title rule, which counts the escaped text in
UTF-16 units)."""


def page_title(title: str, *more: str) -> str:
    """The title, then each of `more` after " · " while it all fits in PAGE_TITLE_CHARS (counted as escaped
    in the page); a title too long alone is cut at a word, with "…"."""
    fits = lambda text: len(escape(text).encode("utf-16-le")) // 2 <= PAGE_TITLE_CHARS  # as JavaScript counts  # noqa: E731
    for part in more:
        if not fits(f"{title} · {part}"):
            break
        title = f"{title} · {part}"
    words = title.split(" ")
    while len(words) > 1 and not fits(title):
        words.pop()
        title = " ".join(words).rstrip(" ,;:·-") + "…"
    return title


CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'{wasm}; object-src 'none'; base-uri 'none'; "
                           "form-action 'none'")
"""What the pages may load and run, sent as a <meta> (a static site sets no headers): their own files only, and
no inline script or style at all, so a link or text that slipped through escaping could run nothing."""

WASM = " 'wasm-unsafe-eval'"
"""Added to script-src on the pages with the search box: Pagefind's search engine is WebAssembly, which a policy
without it refuses to compile. It allows WebAssembly only, never JavaScript's eval or inline script."""


def content_security_policy(media_behind_prefix: bool = False, search: bool = False) -> str:
    """The policy; media behind an analytics prefix come from its host and whatever hosts it redirects to; a page
    with the search box may compile WebAssembly."""
    return (CONTENT_SECURITY_POLICY.format(wasm=WASM if search else "")
            + ("; media-src 'self' https: http:" if media_behind_prefix else ""))


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("podcast.publishing", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["timestamp"] = timestamp
    env.filters["minutes"] = minutes
    env.filters["moment"] = moment_fragment
    env.globals["page_title"] = page_title
    env.globals["content_security_policy"] = content_security_policy
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
