"""Reading: an issue file (flattened text, Markdown or HTML) -> Issue."""
from __future__ import annotations

from .issue import Issue, Item, NestingError, Opinion, Skipped
from .read import READERS, detect_format, find_issue_file, read_issue, read_text

__all__ = ["READERS", "Issue", "Item", "NestingError", "Opinion", "Skipped", "detect_format", "find_issue_file",
           "read_issue", "read_text"]
