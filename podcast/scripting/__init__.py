"""Scripting: Issue -> Script of spoken segments, with the text rewritten for the ear, and the statement of who
reads the episode."""
from .disclosure import Reading, reading_of, statement, statement_of, with_announcements, with_statement
from .segment import Script, Segment, SegmentKind
from .selection import selected_chapters
from .writer import episode_subtitle, write_script

__all__ = ["Reading", "Script", "Segment", "SegmentKind", "episode_subtitle", "reading_of", "selected_chapters", "statement", "statement_of",
           "with_announcements", "with_statement", "write_script"]
