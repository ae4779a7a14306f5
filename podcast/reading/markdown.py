"""Reader for the Markdown of an issue (the forum post): rendered to HTML by the `markdown` library, whose
setext and ATX headings, emphasis, links and lists cover both of the newsletter's layouts, then read as HTML."""
from __future__ import annotations

import re

import markdown

from .html import read_html
from .issue import Issue

HTML_TAG = re.compile(r"<(?!/?(?:a|p|br|em|strong|b|i|u|s|div|span|img|sup|sub|ul|ol|li|h[1-6]|table|thead|tbody|tr|"
                      r"td|th|blockquote|code|pre|hr)\b|!--)")
"""A "<" that opens no HTML tag: text such as "can't do <property X>", kept as text, not dropped as a tag."""


def render_html(text: str) -> str:
    return markdown.markdown(HTML_TAG.sub("&lt;", text), output_format="html")


def read_markdown(text: str) -> Issue:
    """Parse an issue's Markdown."""
    return read_html(render_html(text))
