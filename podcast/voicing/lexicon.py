"""The pronunciation lexicon (voices/lexicon.toml), applied to a segment's text just before synthesis.

It is applied at voicing, not scripting, so transcripts and show notes keep the written words, and so each
engine can get its own notation ([say] respellings for every engine; [hibari] phonemes for hibari)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..tomlfile import read_toml


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
        words = sorted(entries, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
        return pattern.sub(lambda m: phoneme_markup(engine, m[1], own[m[1]]) if m[1] in own else self.say[m[1]], text)

    def respell(self, text: str) -> str:
        """The text with the respellings only: how every word sounds, in ordinary words. A word an engine
        says by its own phonemes keeps its respelling here, so this is what a listener (or a recognizer
        scoring the voice) should hear."""
        return self.apply(text, engine="")


def phoneme_markup(engine: str, word: str, phonemes: str) -> str:
    if engine == "hibari":
        return f"[{word}](/{phonemes}/)"
    raise ValueError(f"engine {engine} has no phoneme notation")


def load_lexicon(path: Path) -> Lexicon:
    """Read lexicon.toml; a missing file is an empty lexicon."""
    if not path.exists():
        return Lexicon()
    data = read_toml(path)
    tables = {name: table for name, table in data.items() if isinstance(table, dict)}
    for name, table in tables.items():
        bad = [k for k, v in table.items() if not isinstance(v, str)]
        if bad:
            raise InputError(path, f"entry {bad[0]!r} in [{name}] should be a string")
    say = tables.pop("say", {})
    return Lexicon(say=say, phonemes=tables)
