"""voices/lexicon.toml's schema: [say] respellings any engine reads, and [hibari] phonemes in hibari's notation
(the one engine with a phoneme notation), each a word -> text."""
from __future__ import annotations

from .fields import Table


class LexiconFile(Table):
    """voices/lexicon.toml."""

    say: dict[str, str] = {}
    hibari: dict[str, str] = {}
