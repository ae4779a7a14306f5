"""Text for the ear: rewrites written newsletter text into what a voice should say.

Pure functions, applied in order by `for_the_ear`: remove what is not speech (URLs, "(!)", issue
cross-references in brackets), expand abbreviations and symbols, say identifiers (arXiv ids, model names,
units) and then numbers in words (num2words). Acronyms and names are left as written: the pronunciation
lexicon (voices/lexicon.toml) says them at voicing time, so transcripts keep the written words.
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
MODEL_NAME = re.compile(r"\b([A-Za-z][A-Za-z]*)((?:-\d+(?:\.\d+)?[A-Za-z]?)+)(?![\w.]\d)")
"""Model and dataset names: GPT-2, ResNet-50, CIFAR-10, WikiText-103, Llama-3.1-70B."""
NAME_YEARLIKE = re.compile(r"\b([A-Z][A-Za-z]+) (\d{4})\b(?!\s*%)")
"""A name and a four-digit number, said like a year: "Atari 2600" -> "Atari twenty six hundred"."""
GLUED_DIGITS = re.compile(r"\b([A-Za-z]{2,})(\d{1,2})\b")
"""Letters with a trailing number, said apart: TD3, Enwik8."""
ARXIV = re.compile(r"\b(?:arXiv:?\s*)?(\d{4})\.(\d{4,5})(?:v(\d+))?\b")
"""arXiv identifiers (2004.13654, arXiv:1912.02875v1), said digit by digit."""
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
HASH_NUMBER = re.compile(r"#\s*(?=\d)")
TIMES = re.compile(r"\b(\d+(?:\.\d+)?)x\b")
THOUSANDS = re.compile(r"\b(\d+(?:\.\d+)?)k\b")
UNIT = re.compile(r"\b(\d+(?:\.\d+)?)\s?(GB|MB|TB|KB|km|kg|ms|GHz|MHz|kW|mph)\b")
UNIT_WORDS = {"GB": "gigabyte", "MB": "megabyte", "TB": "terabyte", "KB": "kilobyte", "km": "kilometre",
              "kg": "kilogram", "ms": "millisecond", "GHz": "gigahertz", "MHz": "megahertz", "kW": "kilowatt",
              "mph": "miles per hour"}
SLASH = re.compile(r"(?<=[A-Za-z])\s*/\s*(?=[A-Za-z])")
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


def _digits(digits: str) -> str:
    return " ".join(num2words(int(d)) for d in digits)


def _model_number(part: str) -> str:
    """"50" -> "fifty", "103" -> "one oh three", "3.1" -> "three point one", "70B" -> "seventy B"."""
    number, suffix = re.fullmatch(r"(\d+(?:\.\d+)?)([A-Za-z]?)", part).groups()
    integer, _, decimals = number.partition(".")
    if len(integer) == 3 and not decimals:
        head, tail = integer[0], integer[1:]
        words = f"{num2words(int(head))} {'oh ' + num2words(int(tail[1])) if tail[0] == '0' else num2words(int(tail))}"
    elif len(integer) == 4 and not decimals:
        words = num2words(int(integer), to="year")
    else:
        words = _number_words(integer, decimals or None)
    return " ".join([words.replace("-", " "), suffix.upper()]).strip()


def _model_name(m: re.Match) -> str:
    return " ".join([m[1], *(_model_number(p) for p in m[2].strip("-").split("-"))])


def _arxiv(m: re.Match) -> str:
    version = f" version {num2words(int(m[3]))}" if m[3] else ""
    return f"arXiv {_digits(m[1])} dot {_digits(m[2])}{version}"


def _iso_date(m: re.Match) -> str:
    from datetime import date
    day = date(int(m[1]), int(m[2]), int(m[3]))
    return f"{day:%B} {num2words(day.day, to='ordinal')}, {num2words(day.year, to='year')}"


def _unit(m: re.Match) -> str:
    word = UNIT_WORDS[m[2]]
    return f"{m[1]} {word if m[1] == '1' or word.endswith('hour') else word + 's'}"


def say_names_and_ids(text: str) -> str:
    """arXiv ids, dates, model and dataset names, "#100", "10x", "1.6k" and units -> words."""
    text = ARXIV.sub(_arxiv, text)
    text = ISO_DATE.sub(_iso_date, text)
    text = MODEL_NAME.sub(_model_name, text)
    text = NAME_YEARLIKE.sub(lambda m: f"{m[1]} {num2words(int(m[2]), to='year').replace('-', ' ')}", text)
    text = GLUED_DIGITS.sub(lambda m: f"{m[1]} {num2words(int(m[2]))}", text)
    text = HASH_NUMBER.sub("number ", text)
    text = TIMES.sub(r"\1 times", text)
    text = THOUSANDS.sub(r"\1 thousand", text)
    text = UNIT.sub(_unit, text)
    return SLASH.sub(" or ", text)


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
    text = PERCENT.sub(r"\1 percent", text)
    text = CURRENCY.sub(_currency, text)
    text = ORDINAL.sub(lambda m: num2words(int(m[1]), to="ordinal").replace("-", " "), text)
    text = YEAR.sub(_year, text)
    return NUMBER.sub(lambda m: _number_words(m[1], m[2]), text)


def for_the_ear(text: str) -> str:
    """Written text -> the words a voice should say (the pronunciation lexicon is applied later, per engine)."""
    text = remove_non_speech(text)
    text = expand_abbreviations(text)
    text = expand_references(text)
    text = say_names_and_ids(text)
    text = say_numbers(text)
    return tidy_punctuation(text)
