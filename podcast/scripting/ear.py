"""Text for the ear: rewrites written newsletter text into what a voice should say.

Pure functions, applied in order by `for_the_ear`: remove what is not speech (URLs, "(!)", issue
cross-references in brackets), expand abbreviations and symbols, then say numbers in words (num2words).
"""
from __future__ import annotations

import re

from num2words import num2words

URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
BRACKETED_REFS = re.compile(r"\s*\(\s*(?:AN\s*#\s*\d+\s*[,;]?\s*)+\)")
AN_REF = re.compile(r"\bAN\s*#\s*(\d+)")
EXCLAIM_ASIDE = re.compile(r"\s*\((?:!|\?|!\?|\?!)+\)")
SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)])")
SPACE_AFTER_OPEN = re.compile(r"([(])\s+")
DASH = re.compile(r"\s+-{2,}\s*|\s*-{2,}\s+|\s+[–—]\s+|[–—]")
BULLET = re.compile(r"(?:(?<=[.:;!?])|(?<=^))\s+-\s+")
SPACED_HYPHEN = re.compile(r"(?<=[A-Za-z)])\s+-\s+(?=[A-Za-z(])")
TILDE = re.compile(r"~\s*(?=[\d$])")
RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(%?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*%")
NAME_NUMBER = re.compile(r"\b([A-Za-z][A-Za-z]*)-(\d+(?:\.\d+)?)\b")
PERCENT = re.compile(r"(\d)\s*%")
CURRENCY = re.compile(r"([$€£])\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(million|billion|trillion|thousand|k|M|B)\b)?")
ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
YEAR = re.compile(r"(?<![\d.,])(1[1-9]\d\d|20\d\d)(s?)(?![\d.,]\d|\s*%)")
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
ABBREVIATIONS = [
    (re.compile(r"\be\.g\.,?", re.IGNORECASE), "for example,"),
    (re.compile(r"\bi\.e\.,?", re.IGNORECASE), "that is,"),
    (re.compile(r"\bet al\.(?=\s+[A-Z]|\s*$)"), "and others."),
    (re.compile(r"\bet al\b\.?"), "and others"),
    (re.compile(r"\bvs?\.(?=\s)"), "versus"),
    (re.compile(r"\betc\.(?=\s+[a-z])"), "et cetera"),
    (re.compile(r"\betc\."), "et cetera."),
    (re.compile(r"\bcf\."), "compare"),
]
SCALE_WORDS = {"k": "thousand", "M": "million", "B": "billion"}
CURRENCY_WORDS = {"$": "dollars", "€": "euros", "£": "pounds"}
CURRENCY_CODES = {"$": "USD", "€": "EUR", "£": "GBP"}


def remove_non_speech(text: str) -> str:
    """Drop URLs, bracketed issue references like "( AN #73 )" and asides like "(!)"."""
    text = URL.sub("", text)
    text = BRACKETED_REFS.sub("", text)
    return EXCLAIM_ASIDE.sub("", text)


def tidy_punctuation(text: str) -> str:
    """Undo the flattened email's spacing ("here ." -> "here.") and read dashes and bullets as pauses."""
    text = SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = SPACE_AFTER_OPEN.sub(r"\1", text)
    text = BULLET.sub(" ", text)
    text = DASH.sub(", ", text)
    text = SPACED_HYPHEN.sub(", ", text)
    text = re.sub(r",\s*([.,;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def expand_abbreviations(text: str) -> str:
    for pattern, spoken in ABBREVIATIONS:
        text = pattern.sub(spoken, text)
    return re.sub(r",\s*,", ",", text)


def expand_references(text: str) -> str:
    """"AN #73" -> "Alignment Newsletter number 73"."""
    return AN_REF.sub(r"Alignment Newsletter number \1", text)


def _number_words(integer: str, decimals: str | None = None) -> str:
    words = num2words(int(integer.replace(",", "")))
    if decimals:
        words += " point " + " ".join(num2words(int(d)) for d in decimals)
    return words.replace("-", " ")


def _currency(m: re.Match) -> str:
    symbol, amount, scale = m.groups()
    integer, _, decimals = amount.partition(".")
    if not scale and decimals:
        value = float(amount.replace(",", ""))
        return num2words(value, to="currency", currency=CURRENCY_CODES[symbol]).replace("-", " ")
    words = _number_words(integer, decimals or None)
    scale = SCALE_WORDS.get(scale, scale)
    return " ".join(filter(None, [words, scale, CURRENCY_WORDS[symbol]]))


def _year(m: re.Match) -> str:
    year, plural = m.groups()
    words = num2words(int(year), to="year").replace("-", " ")
    if plural:
        words = words[:-1] + "ies" if words.endswith("y") else words + "s"
    return words


def say_numbers(text: str) -> str:
    """Ranges, approximations, percentages, currency, ordinals, years, decimals -> words."""
    text = TILDE.sub("about ", text)
    text = RANGE.sub(lambda m: f"{m[1]} to {m[3]} percent", text)
    text = NAME_NUMBER.sub(r"\1 \2", text)
    text = PERCENT.sub(r"\1 percent", text)
    text = CURRENCY.sub(_currency, text)
    text = ORDINAL.sub(lambda m: num2words(int(m[1]), to="ordinal"), text)
    text = YEAR.sub(_year, text)
    return NUMBER.sub(lambda m: _number_words(m[1], m[2]), text)


def for_the_ear(text: str) -> str:
    """Written text -> the words a voice should say (the pronunciation lexicon is applied later, per engine)."""
    text = remove_non_speech(text)
    text = expand_abbreviations(text)
    text = expand_references(text)
    text = say_numbers(text)
    return tidy_punctuation(text)
