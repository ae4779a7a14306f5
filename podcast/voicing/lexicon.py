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
        """Rewrite text for one engine: its phoneme entries win over respellings. A possessive or plural of an
        entry is said through the entry too ("Rohin's", "GPUs": see suffix_of), and a compound's hyphen before a
        vowel as a space (COMPOUND_BEFORE_VOWEL)."""
        text = COMPOUND_BEFORE_VOWEL.sub(" ", text)
        own = self.phonemes.get(engine, {})
        entries = {**self.say, **{w: None for w in own}}
        if not entries:
            return text

        def said(m: re.Match) -> str:
            word, suffix = m[1], suffix_of(m)
            if suffix is None:
                return m[0]
            if word in own:
                return phoneme_markup(engine, word + m[2], own[word] + suffix_phonemes(own[word]) * bool(suffix))
            return self.say[word] + suffix

        return whole_words(entries).sub(said, text)

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
            if suffix_of(m) is None:
                continue
            pieces += [(text[at:m.start()], None)] if m.start() > at else []
            pieces.append((m[0], self.say[m[1]] + suffix_of(m)))
            at = m.end()
        return pieces + ([(text[at:], None)] if at < len(text) else [])


COMPOUND_BEFORE_VOWEL = re.compile(r"(?<=[A-Za-z])-(?=[AEIOUaeiou][a-z]{2})")
"""The hyphen of a compound whose second word starts with a vowel is read as a space: hibari says a hyphenated
compound as one word with one stress and reduces that vowel ("after-attack" was heard "aftertack"; "after
attack" is heard as written)."""


def whole_words(entries) -> re.Pattern:
    """Matches any of the words whole and case-sensitively, the longest first, with a possessive or plural
    ending (group 2: "'s", "s'", "s" or nothing; suffix_of says whether it belongs to the word)."""
    words = sorted(entries, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")((?:['\u2019]s|s['\u2019]?)?)(?!\w)")


def suffix_of(m: re.Match) -> str | None:
    """What a match's ending adds to the entry's respelling: "" (none), "'s" (a possessive; a plural of an
    acronym, "GPUs", which the voices read as letters followed by "us" unless written "G P U's"), or None
    when the word is another word (an entry that does not end in a capital letter followed by a plain "s":
    "Di" in "Dis")."""
    ending = m[2]
    if not ending:
        return ""
    if ending[0] == "s" and not m[1][-1].isupper():
        return None
    return "'s"


VOICELESS = set("ptkfθ")
SIBILANTS = set("szʃʒʧʤ")


def suffix_phonemes(phonemes: str) -> str:
    """The possessive or plural ending after a word ending in these phonemes: "ᵻz" after a sibilant, "s" after
    another voiceless consonant, "z" otherwise (English's rule; hibari, given "'s" outside a word's phonemes,
    says "s" after any of them, and "s" as the letter "ess" after a plural acronym)."""
    last = phonemes.rstrip("ˈˌː")[-1:]
    return "ᵻz" if last in SIBILANTS else "s" if last in VOICELESS else "z"


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
