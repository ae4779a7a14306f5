"""Reader for the Markdown of an issue (the forum post): rendered to HTML by the `markdown` library, whose
setext and ATX headings, emphasis, links and lists cover both of the newsletter's layouts, then read as HTML."""
from __future__ import annotations

import markdown

from .html import read_html
from .issue import Issue


def render_html(text: str) -> str:
    return markdown.markdown(text, output_format="html")


def read_markdown(text: str) -> Issue:
    """Parse an issue's Markdown."""
    return read_html(render_html(text))
