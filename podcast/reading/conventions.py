"""The newsletter's written conventions, shared by every reader: item headers, opinions, link lines, the
boilerplate sentences that are not spoken, and the sentences that open the closing trailers."""
from __future__ import annotations

import re

NAMES = r"[^()]+"
SUMMARIZED = rf"\(summarized by (?P<summarizers>{NAMES})\)"
HAT_TIP = rf"\(H/T (?P<hat_tip>{NAMES})\)"
PAREN = r"\((?:[^()]|\([^()]*\))+\)"

PARAGRAPH_HEADERS = (
    re.compile(rf"^(?P<title>.{{1,400}}?)\s*(?:(?P<authors>{PAREN})\s*)?{SUMMARIZED}\s*(?:{HAT_TIP}\s*)?"
               rf"(?::\s*(?P<rest>.*)|$)", re.DOTALL),
    re.compile(rf"^(?P<title>.{{1,400}}?)\s*(?P<authors>{PAREN})\s*(?:{HAT_TIP}\s*)?(?::\s*(?P<rest>.*)|$)",
               re.DOTALL),
)
"""A paragraph that opens an item: "Title (Authors) (summarized by X) (H/T Y): text". The authors may be
missing (news items); an item with no summarizer has no text and ends at the authors."""

OPINION = re.compile(r"(?<![\w'’])(?P<label>(?P<holder>[A-Z][a-z]+)(?:['’]s|['’]) opinion):")
LINK_LINE = re.compile(r"(?<!\S)(?P<label>Read more|Prerequisities|Prerequisites):\s*")

BOILERPLATE = re.compile(
    r"^(?:Alignment Newsletter is a weekly publication\b"
    r"|Find all Alignment Newsletter resources here\b"
    r"|In particular, you can (?:sign up|look through)\b"
    r"|I['’]m always happy to hear feedback\b"
    r"|Audio version here\b"
    r"|View this email in your browser\b)", re.IGNORECASE)
"""Sentences of the newsletter's standing opening, skipped wherever they occur before the first item."""

TRAILER_OPENER = re.compile(r"^(?:Copyright\s*©|Want to change how you receive these emails)", re.IGNORECASE)
"""Sentences that open the closing boilerplate when no trailer heading (FEEDBACK, PODCAST) does."""

SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"”’')\]]*\s+")
"""A sentence's end (not an ellipsis inside a title: "CDT going bonkers... forever")."""


def split_names(names: str) -> tuple[str, ...]:
    """'Rohin and Asya' or 'Rohin, Asya' -> ('Rohin', 'Asya')."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", names.strip())
    return tuple(p.strip() for p in parts if p.strip())


def sentences(text: str) -> list[str]:
    """Split at sentence ends; the pieces joined with spaces give the text back (whitespace normalised)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append(text[start:m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def split_boilerplate(text: str) -> tuple[list[str], list[str]]:
    """Opening text -> (boilerplate sentences, the editor's own sentences)."""
    boiler, own = [], []
    for sentence in sentences(text):
        (boiler if BOILERPLATE.match(sentence) else own).append(sentence)
    return boiler, own
