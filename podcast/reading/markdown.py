"""Reader for the Markdown of an issue (the forum post): rendered to HTML by the `markdown` library, whose
setext and ATX headings, emphasis, links and lists cover both of the newsletter's layouts, then read as HTML."""
from __future__ import annotations

import re

import markdown

from .html import read_html
from .issue import Issue, NestingError

HTML_TAG = re.compile(r"<(?!/?(?:a|p|br|em|strong|b|i|u|s|div|span|img|sup|sub|ul|ol|li|h[1-6]|table|thead|tbody|tr|"
                      r"td|th|blockquote|code|pre|hr)\b|!--)")
"""A "<" that opens no HTML tag: text such as "can't do <property X>", kept as text, not dropped as a tag."""
MAX_INDENT = 400
"""Columns of indentation (a tab is 4): a list nested 100 deep. The markdown library renders nested lists
recursively, in time growing with the square of the depth, and 300 deep ends in a RecursionError."""
INDENT = re.compile(rf"^[ \t]{{{MAX_INDENT // 4},}}", re.MULTILINE)


def render_html(text: str) -> str:
    """The Markdown as HTML; a line indented more than MAX_INDENT columns is a NestingError."""
    for m in INDENT.finditer(text):
        columns = len(m[0].expandtabs(4))
        if columns > MAX_INDENT:
            raise NestingError(f"a line of its Markdown is indented {columns} columns (lists nested "
                               f"{columns // 4} deep); an issue's nest a few at most")
    return markdown.markdown(HTML_TAG.sub("&lt;", text), output_format="html")


def read_markdown(text: str) -> Issue:
    """Parse an issue's Markdown."""
    return read_html(render_html(text))
