"""The pronunciation lexicon (voices/lexicon.toml), applied to a segment's text just before synthesis.

It is applied at voicing, not scripting, so transcripts and show notes keep the written words, and so each
engine can get its own notation ([say] respellings for every engine; [hibari] phonemes for hibari)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Lexicon:
    """Whole-word, case-sensitive pronunciations."""

    say: dict[str, str] = field(default_factory=dict)
    """Word -> respelling any engine reads."""
    phonemes: dict[str, dict[str, str]] = field(default_factory=dict)
    """Engine name -> word -> phonemes in that engine's notation."""

    def apply(self, text: str, engine: str) -> str:
        """Rewrite text for one engine: its phoneme entries win over respellings."""
        own = self.phonemes.get(engine, {})
        entries = {**self.say, **{w: None for w in own}}
        if not entries:
            return text
        return whole_words(entries).sub(
            lambda m: phoneme_markup(engine, m[1], own[m[1]]) if m[1] in own else self.say[m[1]], text)

    def respell(self, text: str) -> str:
        """The text with the respellings only: how every word sounds, in ordinary words. A word an engine
        says by its own phonemes keeps its respelling here, so this is what a listener (or a recognizer
        scoring the voice) should hear."""
        return self.apply(text, engine="")

    def respelled(self, text: str) -> list[tuple[str, str | None]]:
        """The text in pieces, each with the [say] respelling the voices read instead (None for the rest), for
        showing a narrator what the voices say."""
        if not self.say:
            return [(text, None)]
        pieces, at = [], 0
        for m in whole_words(self.say).finditer(text):
            pieces += [(text[at:m.start()], None)] if m.start() > at else []
            pieces.append((m[1], self.say[m[1]]))
            at = m.end()
        return pieces + ([(text[at:], None)] if at < len(text) else [])


def whole_words(entries) -> re.Pattern:
    """Matches any of the words whole and case-sensitively, the longest first."""
    words = sorted(entries, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def phoneme_markup(engine: str, word: str, phonemes: str) -> str:
    if engine == "hibari":
        return f"[{word}](/{phonemes}/)"
    raise ValueError(f"engine {engine} has no phoneme notation")


def load_lexicon(path: Path) -> Lexicon:
    """Read lexicon.toml, checked against its schema (settings/lexicon.py); a missing file is an empty lexicon."""
    if not path.exists():
        return Lexicon()
    from ..settings import LexiconFile, read_settings

    file = read_settings(path, LexiconFile)
    phonemes = {engine: getattr(file, engine) for engine in file.model_fields_set - {"say"}}
    return Lexicon(say=dict(file.say), phonemes=phonemes)
