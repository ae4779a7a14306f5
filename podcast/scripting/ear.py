"""Text for the ear: rewrites written newsletter text into what a voice should say.

Pure functions, applied in order by `to_speech`: remove what is not speech (URLs, "(!)", issue
cross-references in brackets, footnote markers), say formulas and notation (notation.py), expand
abbreviations and symbols, say identifiers (arXiv ids, model names, code names, units) and then numbers in
words (num2words); last, whatever symbol is left is said or dropped, so the voice is only ever given letters,
numbers as words and basic punctuation. What is removed with words in it is returned as skipped, with its
reason, so every word of the source is either spoken or accounted for. Acronyms and names are left as
written: the pronunciation lexicon (voices/lexicon.toml) says them at voicing time, so transcripts keep the
written words.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from num2words import num2words

from ..reading import Skipped
from .notation import SYMBOL_WORDS, char_word, speak_formulas

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
GLUED_DIGITS = re.compile(r"\b([A-Za-z]+)(\d{1,2})\b")
"""Letters with a trailing number, said apart: TD3, Enwik8, G20 ("G twenty", not "G two zero"), L2."""
ARXIV = re.compile(r"\b(?:arXiv:?\s*)?(\d{4})\.(\d{4,5})(?:v(\d+))?\b")
"""arXiv identifiers (2004.13654, arXiv:1912.02875v1), said digit by digit."""
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
HASH_NUMBER = re.compile(r"#\s*(?=\d)")
QUANTITY = r"(?<![\w.])(?P<number>\d+(?:\.\d+)?)"
"""A number standing on its own (not the tail of "v1.5" or "GPT-3"), with its decimals."""
ARTICLE = r"(?P<article>\b[Aa]n?\s+)?"
"""An article before a quantity makes it a modifier, said in the singular: "a 10m drop", "a ten meter drop"."""
SCIENTIFIC = re.compile(QUANTITY + r"[eE](?P<sign>[-+−]?)(?P<exponent>\d{1,3})\b")
"""Scientific notation: 1e-3, 2.5e10 (not 0dd8eb63: a hex id's letters follow its digits); written as the power
of ten it is before the formulas are said, so "lr=1e-3" and "$\\eta = 1e-3$" are said as 10^-3 is."""
TIMES = re.compile(QUANTITY + r"x\b")
UNIT = re.compile(ARTICLE + QUANTITY + r"(?:\s?(?P<unit>GB|MB|TB|KB|PB|km|kg|cm|mm|ms|GHz|MHz|kWh|kW|MW|GW|mph|min|hrs?)"
                  r"|(?P<glued>h))\b")
"""A number with its unit, glued or spaced; a one-letter unit only glued ("10h", not "10 h")."""
UNIT_WORDS = {"GB": "gigabyte", "MB": "megabyte", "TB": "terabyte", "KB": "kilobyte", "PB": "petabyte",
              "km": "kilometer", "kg": "kilogram", "cm": "centimeter", "mm": "millimeter", "ms": "millisecond",
              "GHz": "gigahertz", "MHz": "megahertz", "kWh": "kilowatt hour", "kW": "kilowatt", "MW": "megawatt",
              "GW": "gigawatt", "mph": "miles per hour", "min": "minute", "hr": "hour", "hrs": "hour", "h": "hour"}
MAGNITUDE = re.compile(QUANTITY + r"(?P<scale>k|K|M|B|bn|T)\b")
"""A magnitude suffix: 5k, 10K, 10M, 175B, 1.5bn, 1T (after model names: "Llama-3.1-70B" is a name)."""
METERS_OR_MILLION = re.compile(ARTICLE + r"(?P<currency>[$€£]?)" + QUANTITY + r"m\b(?P<next>\s+[A-Za-z]+)?")
"""Lower-case "10m": million after a currency sign or before a plural noun ("$10m", "10m parameters"), else
meters ("10m away", "10m tall")."""
NOT_PLURAL_NOUNS = {"across", "as", "has", "is", "its", "less", "plus", "this", "thus", "towards", "unless",
                    "was", "versus", "whereas"}
"""Words ending in "s" that follow a length ("10m across") without counting things."""
SLASH = re.compile(r"(?<=[A-Za-z])\s*/\s*(?=[A-Za-z])")
PERCENT = re.compile(r"(\d)\s*%")
CURRENCY = re.compile(r"([$€£])\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                      r"(?:\s*(million|billion|trillion|thousand|k|K|m|M|B|bn|T)\b)?")
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
    (re.compile(r"\(H/T\b"), "(hat tip to"),
]
SCALE_WORDS = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "B": "billion",
               "bn": "billion", "T": "trillion"}
CURRENCY_WORDS = {"$": "dollars", "€": "euros", "£": "pounds"}
CURRENCY_CODES = {"$": "USD", "€": "EUR", "£": "GBP"}


FOOTNOTE = re.compile(r"\[\^?\d{1,2}\]|(?<=[a-z]{3})\^\d{1,2}\b|(?<=[A-Za-z][.,;:!?)\"”’])\^?\d{1,2}(?=\s|$)")
"""Footnote markers: "[1]", "[^1]", "claim^1", "end of sentence.^2" (not "RL^2": a short name's power)."""
CODE_NAME = re.compile(r"\b([a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)(\(\))?|\b([A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+)\b")
"""Code identifiers: "gym.make", "np.array()", "snake_case" (an underscore between words, not "x_t")."""
AMPERSAND = re.compile(r"\s*&\s*")
PUNCTUATION = set(".,;:!?'\"()’‘“”…-")
"""The only characters besides letters and spaces the voice is given."""


@dataclass(frozen=True)
class Speech:
    """Text for the ear, and the parts of the written text that were taken out with words in them."""

    text: str
    skipped: tuple[Skipped, ...] = ()


def _taken(pattern: re.Pattern, text: str, reason: str, skipped: list[Skipped], by: str = "") -> str:
    for m in pattern.finditer(text):
        if re.search(r"\w", m[0]):
            skipped.append(Skipped(reason, m[0].strip()))
    return pattern.sub(by, text)


def remove_non_speech(text: str, skipped: list[Skipped] | None = None) -> str:
    """Drop URLs, bracketed issue references like "( AN #73 )", footnote markers and asides like "(!)"."""
    skipped = [] if skipped is None else skipped
    text = _taken(URL, text, "URL", skipped)
    text = _taken(BRACKETED_REFS, text, "cross-reference", skipped)
    text = _taken(FOOTNOTE, text, "footnote marker", skipped)
    return EXCLAIM_ASIDE.sub("", text)


def say_code_names(text: str) -> str:
    """"gym.make" -> "gym dot make", "snake_case" -> "snake case"."""
    def spoken(m: re.Match) -> str:
        if m[3]:
            return m[3].replace("_", " ")
        return " dot ".join(p.replace("_", " ").strip() for p in m[1].split("."))
    return CODE_NAME.sub(spoken, text)


def say_symbols(text: str) -> str:
    """Symbols left in prose after the formulas: "3×" -> "3 times", "≈ 5" -> "about 5", Greek letters by name,
    arrows and relations by their ClearSpeak words; "&" -> "and"."""
    text = re.sub(r"(?<=\d)\s*[×x](?=\s|[.,;:!?)]|$)", " times", text)
    text = re.sub(r"[≈~]\s*(?=\d)", "about ", text)
    text = AMPERSAND.sub(" and ", text)
    text = re.sub(r"(?<=\w)\+\+", " plus plus", text)
    text = re.sub(r"\s*@\s*", " at ", text)
    text = re.sub(r"\s*(?:=>|⇒)\s*", " implies ", text)
    text = re.sub(r"\s*(?:->|→)\s*", " to ", text)
    out = []
    for char in text:
        if char.isascii() or unicodedata.category(char)[0] not in "LS" or char in "’‘“”…":
            out.append(char)
            continue
        word = char_word(char) if (unicodedata.category(char)[0] == "S" or "GREEK" in unicodedata.name(char, "")
                                   or "MATHEMATICAL" in unicodedata.name(char, "")) else char
        out.append(f" {word} " if word != char else char)
    return "".join(out)


def only_speakable(text: str) -> str:
    """The last pass: digits still standing are said one by one, "+" and "=" between words by name, and
    anything else that is neither a letter nor basic punctuation is dropped."""
    text = re.sub(r"(?<=\w)[_/\\|](?=\w)", " ", text)
    text = re.sub(r"[+=](?=\s)", lambda m: f" {SYMBOL_WORDS[m[0]]} ", text)
    out = []
    for char in text:
        kind = unicodedata.category(char)[0]
        if kind in "LM" or char in PUNCTUATION:
            out.append(char)
        elif char.isspace():
            out.append(" ")
        elif unicodedata.digit(char, None) is not None:
            out.append(f" {num2words(unicodedata.digit(char))} ")
        elif unicodedata.name(char, "").startswith("VULGAR FRACTION "):
            out.append(f" {unicodedata.name(char)[16:].lower()} ")
        else:
            out.append(" ")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


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


def _counted(m: re.Match, word: str) -> str:
    """"1 meter", "10 meters", "a 10 meter"; "gigahertz" and "miles per hour" as they are."""
    singular = m["number"] == "1" or m["article"] or word.endswith(("hertz", " per hour"))
    return f"{m['article'] or ''}{m['number']} {word if singular else word + 's'}"


def _unit(m: re.Match) -> str:
    return _counted(m, UNIT_WORDS[m["unit"] or m["glued"]])


def scientific_as_powers(text: str) -> str:
    """"1e-3" -> "10^-3", "2.5e10" -> "2.5×10^{10}": notation.py then says them ("ten to the minus three",
    "two point five times ten to the tenth"), in prose and in formulas alike."""
    def power(m: re.Match) -> str:
        exponent = int(m["exponent"])
        written = f"10^-{exponent}" if m["sign"] in ("-", "−") else f"10^{{{exponent}}}"
        return written if m["number"] == "1" else f"{m['number']}×{written}"
    return SCIENTIFIC.sub(power, text)


def _meters_or_million(m: re.Match) -> str:
    following = (m["next"] or "").strip().lower()
    if m["currency"] or (following.endswith("s") and len(following) > 2 and following not in NOT_PLURAL_NOUNS):
        said = f"{m['article'] or ''}{m['currency']}{m['number']} million"
    else:
        said = _counted(m, "meter")
    return said + (m["next"] or "")


def say_quantities(text: str) -> str:
    """Numbers glued to a unit or a magnitude, as a reader says them: "3x" "3 times", "2.5GB" "2.5 gigabytes",
    "5k" "5 thousand", "175B" "175 billion", "10m away" "10 meters", "10m parameters" "10 million" (the
    numbers themselves are said by say_numbers)."""
    text = TIMES.sub(r"\g<number> times", text)
    text = UNIT.sub(_unit, text)
    text = MAGNITUDE.sub(lambda m: f"{m['number']} {SCALE_WORDS[m['scale']]}", text)
    return METERS_OR_MILLION.sub(_meters_or_million, text)


def say_names_and_ids(text: str) -> str:
    """arXiv ids, dates, model and dataset names, "#100", quantities with units -> words."""
    text = ARXIV.sub(_arxiv, text)
    text = ISO_DATE.sub(_iso_date, text)
    text = MODEL_NAME.sub(_model_name, text)
    text = NAME_YEARLIKE.sub(lambda m: f"{m[1]} {num2words(int(m[2]), to='year').replace('-', ' ')}", text)
    text = GLUED_DIGITS.sub(lambda m: f"{m[1]} {num2words(int(m[2]))}", text)
    text = HASH_NUMBER.sub("number ", text)
    text = say_quantities(text)
    return SLASH.sub(" or ", re.sub(r"\band/or\b", "and or", text))


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


def to_speech(text: str) -> Speech:
    """Written text -> the words a voice should say, and what was taken out (the pronunciation lexicon is
    applied later, per engine)."""
    skipped: list[Skipped] = []
    text = remove_non_speech(text, skipped)
    text, equations = speak_formulas(scientific_as_powers(text))
    skipped += [Skipped("long equation", e) for e in equations]
    text = expand_abbreviations(text)
    text = expand_references(text)
    text = say_code_names(text)
    text = say_names_and_ids(text)
    text = say_symbols(text)
    text = say_numbers(text)
    return Speech(tidy_punctuation(only_speakable(text)), tuple(skipped))


def for_the_ear(text: str) -> str:
    """Written text -> the words a voice should say."""
    return to_speech(text).text
