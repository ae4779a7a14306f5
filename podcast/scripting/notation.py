"""Math and notation for the ear: finds formulas in issue text and says them as a person reading aloud would.

Every formula goes through one path: LaTeX (written as `$...$`, `\\(...\\)`, `\\[...\\]`, or a bare command
such as `\\epsilon`) and plain-text notation (`p(s|o)`, `x_t`, `s_{t+1}`, `10^9`, `p < 0.05`, `P != NP`) are
both parsed by latex2mathml into MathML, and the MathML is spoken by a small walker that follows the
ClearSpeak rules of the Speech Rule Engine and MathCAT (the MathML speech references): `p(s|o)` is "p of s
given o", `x_t` "x sub t", `x^2` "x squared", `10^9` "ten to the ninth", `a/b` "a over b", `≤` "is less than
or equal to", `\\mathbb{E}[R]` "the expected value of R", `ε` "epsilon". What no library does is finding
formulas in running prose, so the span patterns below are written by hand; they only look for the marks
of notation (a bar inside a function's parentheses, an underscore or caret on a short name or a number,
a comparison between short operands), never at ordinary words.

A formula that would take too long to follow by ear (a display equation, a matrix, more than
MAX_SPOKEN_WORDS words) is replaced by NOTICE and returned as skipped, never read as symbols.
"""
from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from latex2mathml.converter import convert
from num2words import num2words

NOTICE = "an equation, shown in the show notes"
MAX_SPOKEN_WORDS = 24
"""Longer formulas are not read out: ClearSpeak's own guidance is that a listener follows short
expressions, and a long one is better seen."""
MML = "{http://www.w3.org/1998/Math/MathML}"

SYMBOL_WORDS = {
    "=": "equals", "≠": "is not equal to", "<": "is less than", ">": "is greater than",
    "≤": "is less than or equal to", "≥": "is greater than or equal to", "⩽": "is less than or equal to",
    "⩾": "is greater than or equal to", "≪": "is much less than", "≫": "is much greater than",
    "≈": "is approximately", "≃": "is approximately", "∼": "is distributed as", "~": "is distributed as",
    "≡": "is equivalent to", "∝": "is proportional to", "→": "to", "↦": "maps to", "←": "gets",
    "⇒": "implies", "⟹": "implies", "⇔": "if and only if", "⟺": "if and only if", "↔": "if and only if",
    "+": "plus", "-": "minus", "−": "minus", "±": "plus or minus", "∓": "minus or plus", "×": "times",
    "·": "times", "⋅": "times", "∗": "times", "*": "times", "/": "over", "÷": "divided by", "∘": "composed with",
    "∈": "is in", "∉": "is not in", "⊂": "is a subset of", "⊆": "is a subset of", "∪": "union",
    "∩": "intersection", "∀": "for all", "∃": "there exists", "¬": "not", "∧": "and", "∨": "or",
    "∞": "infinity", "∂": "partial", "∇": "the gradient of", "∑": "the sum", "∏": "the product",
    "∫": "the integral of", "√": "the square root of", "∅": "the empty set", "′": "prime", "″": "double prime",
    "'": "prime", "!": "factorial", "%": "percent", "|": "given", ":": "such that", "∣": "given",
    "…": "dot dot dot", "⋯": "dot dot dot", "…,": "dot dot dot", "°": "degrees", "∠": "angle",
}
"""ClearSpeak's words for relations and operators; a bar between a function's parentheses is "given"."""
SILENT = {"(", ")", "[", "]", "{", "}", "⁡", "\u2061", "\u2062", "\u2063", ""}
"""Brackets are read through (ClearSpeak speaks them only where grouping is ambiguous), and the invisible
operators (function application, times, separator) are silent."""
ACCENTS = {"^": "hat", "ˆ": "hat", "¯": "bar", "‾": "bar", "~": "tilde", "˜": "tilde", "˙": "dot", "¨": "double dot",
           "→": "vector", "⃗": "vector", "_": "bar"}
POWERS = {2: "squared", 3: "cubed"}
EXPECTATION = {"𝔼", "E"}
GREEK_LETTERS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lamda",
                 "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega")
GREEK_NAME = re.compile(r"\b(" + "|".join(GREEK_LETTERS).upper() + r")\b")
LETTER_NAME = re.compile(r"\b(CAPITAL|SMALL) ([A-Z])$")


class Unspeakable(ValueError):
    """A formula with structure that is not read aloud (tables, long displays)."""


@dataclass(frozen=True)
class Said:
    text: str
    """What the voice says for the formula."""
    skipped: bool = False
    """True when the formula was replaced by NOTICE (it is then listed as skipped)."""


def _number(digits: str) -> str:
    digits = digits.replace(",", "")
    if re.fullmatch(r"\d+", digits):
        return num2words(int(digits)).replace("-", " ")
    if re.fullmatch(r"\d*\.\d+", digits):
        whole, _, decimals = digits.partition(".")
        return f"{num2words(int(whole or 0))} point {' '.join(num2words(int(d)) for d in decimals)}".replace("-", " ")
    return " ".join(num2words(int(d)) if d.isdigit() else d for d in digits)


def char_word(char: str) -> str:
    """A letter or symbol as said: Latin letters as themselves, Greek and math letters by name."""
    if char in SYMBOL_WORDS:
        return SYMBOL_WORDS[char]
    if char.isascii() and char.isalpha():
        return char
    try:
        name = unicodedata.name(char)
    except ValueError:
        return ""
    greek = GREEK_NAME.search(name)
    if greek and ("GREEK" in name or "MATHEMATICAL" in name):
        word = greek[1].lower()
        return {"lamda": "lambda"}.get(word, word)
    letter = LETTER_NAME.search(name)
    if letter and ("LATIN" in name or "MATHEMATICAL" in name or "DOUBLE-STRUCK" in name):
        return letter[2] if letter[1] == "CAPITAL" else letter[2].lower()
    return ""


def _text(el: ET.Element) -> str:
    return "".join(el.itertext()).strip()


def _tag(el: ET.Element) -> str:
    return el.tag.replace(MML, "")


def _token(el: ET.Element) -> str:
    text = _text(el)
    tag = _tag(el)
    if tag == "mn":
        return _number(text)
    if tag == "mtext":
        return " ".join(text.split())
    if len(text) > 1 and all(c.isalpha() and c.isascii() for c in text):
        return text
    return " ".join(w for w in (char_word(c) for c in text) if w)


def _ordinal_power(el: ET.Element) -> str:
    """A superscript as ClearSpeak says it: squared, cubed, to the ninth, to the n, to the power x plus one."""
    while _tag(el) == "mrow" and len(el) == 1:
        el = el[0]
    tag, text = _tag(el), _text(el)
    if tag == "mn" and text.isdigit():
        n = int(text)
        return POWERS.get(n) or f"to the {num2words(n, to='ordinal').replace('-', ' ')}"
    spoken = speak_node(el)
    if tag in {"mi", "mn"} or len(spoken.split()) == 1:
        return f"to the {spoken}"
    return f"to the power {spoken}"


def _row(children: list[ET.Element]) -> str:
    """A row of MathML, with ClearSpeak's function application ("p of s") and expectation ("the expected
    value of R"): a name directly followed by an opening parenthesis or bracket is applied to what it holds."""
    out: list[str] = []
    bars = sum(1 for c in children if _tag(c) == "mo" and _text(c) in {"|", "∣"})
    i = 0
    while i < len(children):
        child = children[i]
        nxt = children[i + 1] if i + 1 < len(children) else None
        opens = nxt is not None and _tag(nxt) == "mo" and _text(nxt) in {"(", "["}
        if _tag(child) == "mi" and _text(child) in EXPECTATION and nxt is not None and _text(nxt) == "[":
            out.append("the expected value of")
            i += 2
            continue
        if _tag(child) in {"mi", "msub", "msup", "msubsup"} and opens and _text(child) not in SYMBOL_WORDS:
            out.append(f"{speak_node(child)} of")
            i += 2
            continue
        if _tag(child) == "mo" and _text(child) in {"|", "∣", "‖"} and bars % 2 == 0 and bars and not out[-1:] == ["of"]:
            # A pair of bars around a value: ClearSpeak's absolute value (or norm).
            word = "the norm of" if _text(child) == "‖" else "the absolute value of"
            closing = next((j for j in range(i + 1, len(children)) if _text(children[j]) == _text(child)), None)
            if closing is not None:
                out.append(f"{word} {_row(children[i + 1:closing])}")
                i = closing + 1
                continue
        if _tag(child) == "mo" and _text(child) == ",":
            if out:
                out[-1] += ","
            i += 1
            continue
        spoken = speak_node(child)
        if spoken:
            out.append(spoken)
        i += 1
    return " ".join(out)


def speak_node(el: ET.Element) -> str:
    """One MathML element in words (ClearSpeak); Unspeakable for structure that is only seen."""
    tag = _tag(el)
    kids = list(el)
    if tag in {"mi", "mn", "mo", "mtext", "ms"}:
        text = _text(el)
        return "" if text in SILENT else _token(el)
    if tag in {"math", "mrow", "mstyle", "mpadded", "mphantom", "menclose", "semantics"}:
        return _row(kids)
    if tag == "mspace":
        return ""
    if tag == "msub":
        return f"{speak_node(kids[0])} sub {speak_node(kids[1])}"
    if tag == "msup":
        base, power = kids
        if _text(power) in {"′", "'", "″"}:
            return f"{speak_node(base)} {char_word(_text(power))}"
        return f"{speak_node(base)} {_ordinal_power(power)}"
    if tag == "msubsup":
        base, sub, power = kids
        if _text(base) in {"∑", "∏", "∫"}:
            return f"{speak_node(base)} from {speak_node(sub)} to {speak_node(power)} of"
        return f"{speak_node(base)} sub {speak_node(sub)} {_ordinal_power(power)}"
    if tag in {"munder", "mover", "munderover"}:
        base = kids[0]
        if tag == "mover" and _text(kids[1]) in ACCENTS:
            return f"{speak_node(base)} {ACCENTS[_text(kids[1])]}"
        if tag == "munder" and _text(kids[1]) in ACCENTS:
            return f"{speak_node(base)} {ACCENTS[_text(kids[1])]}"
        if tag == "munderover":
            return f"{speak_node(base)} from {speak_node(kids[1])} to {speak_node(kids[2])} of"
        return f"{speak_node(base)} {'over' if tag == 'mover' else 'under'} {speak_node(kids[1])}"
    if tag == "mfrac":
        top, bottom = (speak_node(k) for k in kids)
        if _text(kids[0]) == "1" and _text(kids[1]) == "2":
            return "one half"
        if len(top.split()) == 1 and len(bottom.split()) == 1:
            return f"{top} over {bottom}"
        return f"the fraction {top}, over {bottom},"
    if tag == "msqrt":
        return f"the square root of {_row(kids)}"
    if tag == "mroot":
        return f"the {_ordinal_root(kids[1])} root of {speak_node(kids[0])}"
    raise Unspeakable(f"no speech for <{tag}>")


def _ordinal_root(el: ET.Element) -> str:
    text = _text(el)
    return num2words(int(text), to="ordinal") if text.isdigit() else f"{speak_node(el)}th"


def speak_latex(latex: str, display: bool = False) -> Said:
    """A LaTeX formula in words, or NOTICE (skipped) when it is a display too long to follow by ear."""
    try:
        tree = ET.fromstring(convert(latex))
        spoken = " ".join(speak_node(tree).split())
    except Exception:  # Unspeakable, or any of latex2mathml's own and plain errors on LaTeX it cannot parse
        return Said(NOTICE, skipped=True)
    spoken = re.sub(r"\s+,", ",", spoken).strip(" ,")
    if not spoken or len(spoken.split()) > MAX_SPOKEN_WORDS or (display and len(spoken.split()) > MAX_SPOKEN_WORDS // 2):
        return Said(NOTICE, skipped=True)
    return Said(spoken)


# --- Finding formulas in prose --------------------------------------------------------------------------------

ASCII_OPERATORS = [("!=", r" \neq "), ("<=", r" \leq "), (">=", r" \geq "), ("<<", r" \ll "), (">>", r" \gg "),
                   ("->", r" \to "), ("=>", r" \Rightarrow "), ("==", " = "), ("~", r" \sim ")]
WORD = re.compile(r"(?<![\\\w])([A-Za-z]+(?:-[A-Za-z]+)+|[A-Za-z]{2,})")


def plain_to_latex(span: str) -> str:
    """Plain-text notation -> LaTeX: ASCII operators become their commands, names of two letters or more
    (RL, NP, s-next) stay words instead of being read as products of letters."""
    for ascii_op, command in ASCII_OPERATORS:
        span = span.replace(ascii_op, command)
    parts = re.split(r"(\\[A-Za-z]+)", span)
    return "".join(p if p.startswith("\\") else WORD.sub(lambda m: r"\text{" + m[1].replace("-", " ") + "}", p)
                   for p in parts)


DELIMITED = re.compile(r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|\\\((?P<i1>.+?)\\\)|(?<![\w$\\])\$(?P<i2>[^$\s](?:[^$]*?[^$\s])?)\$(?!\d)",
                       re.DOTALL)
"""LaTeX spans: `$$...$$` and `\\[...\\]` are displays, `$...$` and `\\(...\\)` inline ("$5 and $10" is
money, not math: an inline span may not open before a digit's closing dollar)."""
BARE_COMMAND = re.compile(r"\\[A-Za-z]+(?:\{[^{}]*\}|\[[^\[\]]*\]|[_^](?:\{[^{}]*\}|\w))*")
"""A LaTeX command outside any delimiters: `\\epsilon`, `\\mathbb{E}[R]`."""

ATOM = (r"(?:\\[A-Za-z]+(?:\{[^{}]*\})*|[A-Za-z\u0370-\u03ff]{1,4}(?![A-Za-z])|\d+(?:\.\d+)?|\.\d+)"
        r"(?:[_^](?:\{[^{}]*\}|[A-Za-z0-9]+|-?\d+))*(?:'|′)*")
"""An operand: a short name, a Greek letter, a number or a command, with any sub- and superscripts."""
INDEXED = r"(?<![\w\\])[A-Za-z]\[(?![^\]]*[A-Za-z]{3})[^\[\]\s]{1,16}\]"
"""A single letter with a bracketed argument written against it: `A[C]` ("A of C"), `E[U(a)]` (an
expectation); no space inside, no word of three letters ("x [sic]", "a[b]" in a link's text stay prose)."""
FUNCTION_NAME = r"(?:log|ln|exp|max|min|arg ?max|arg ?min|sin|cos|tan|tanh|softmax|sigmoid)\s+"
CALL = rf"(?:-\s*)?(?:{FUNCTION_NAME})?(?:{INDEXED}|{ATOM}\((?:[^()]|\([^()]*\))*\)|{ATOM})"
RELATION = r"(?:!=|<=|>=|<<|>>|->|=>|==|[=<>≤≥≠≈≃≪≫∝→⇒⟹↦⇔∈∉⊂⊆±×·⋅])"
OPERATOR = rf"(?:{RELATION}|[+*/|−-])"
FORMULA = re.compile(
    rf"(?<![\w\\])(?:{CALL}\s*(?:{OPERATOR}\s*{CALL}\s*)*{RELATION}\s*{CALL}(?:\s*{OPERATOR}\s*{CALL})*"
    rf"|[A-Za-z]\w{{0,3}}\([^()|]*\|[^()]*\)(?:\s*[/*+−-]\s*{CALL})*"
    rf"|(?:[A-Za-z]{{1,4}}|\d+(?:\.\d+)?)(?:_(?:\{{[^{{}}]*\}}|[A-Za-z0-9]{{1,3}}(?![\w.]))|\^(?:\{{[^{{}}]*\}}|-?[A-Za-z0-9]{{1,3}}(?![\w])))+"
    rf"|{INDEXED})",
)
"""Plain-text notation in prose: a comparison or relation between short operands (`p < 0.05`, `N > 1`,
`P != NP`, `y=x^2`), a function with a conditioning bar (`p(s|o)`, `p(x | z) / p(x)`), or a short name
or number with sub- or superscripts (`x_t`, `s_{t+1}`, `10^9`, `RL^2`), or a letter with a bracketed
argument (`A[C]`)."""
TRAILING = re.compile(r"[\s.,;:]+$")


def find_formulas(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, latex, display) of each formula in text, in order and not overlapping."""
    found: list[tuple[int, int, str, bool]] = []
    for m in DELIMITED.finditer(text):
        body = next(g for g in (m["d1"], m["d2"], m["i1"], m["i2"]) if g is not None)
        found.append((m.start(), m.end(), body, bool(m["d1"] or m["d2"])))
    taken = [(s, e) for s, e, _, _ in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for m in FORMULA.finditer(text):
        span = TRAILING.sub("", m[0])
        end = m.start() + len(span)
        if span and free(m.start(), end) and not _prose(span):
            found.append((m.start(), end, plain_to_latex(span), False))
            taken.append((m.start(), end))
    for m in BARE_COMMAND.finditer(text):
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), m[0], False))
            taken.append((m.start(), m.end()))
    return sorted(found)


def _prose(span: str) -> bool:
    """Spans the patterns catch that are prose, not notation: a long word on each side of "/" or "-"
    ("and/or", "state-of-the-art"), or a range of plain numbers ("10-20")."""
    if not re.search(r"(?:!=|<=|>=|<<|>>|->|=>|==|[=<>≤≥≠≈≃≪≫∝→⇒⟹↦⇔∈∉⊂⊆±×·⋅|_^\\\[])", span):
        return True
    return False


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿⁱ", "0123456789+-ni")
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉₊₋ₜᵢ", "0123456789+-ti")
SCRIPT_RUN = re.compile(r"(?<=\w)(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿⁱ]+)|(?P<sub>[₀₁₂₃₄₅₆₇₈₉₊₋ₜᵢ]+))")


def _scripts_as_carets(text: str) -> str:
    """"x²" -> "x^{2}", "s₁" -> "s_{1}": Unicode super- and subscripts as the notation they stand for."""
    return SCRIPT_RUN.sub(lambda m: "^{" + m["sup"].translate(SUPERSCRIPTS) + "}" if m["sup"]
                          else "_{" + m["sub"].translate(SUBSCRIPTS) + "}", text)


def speak_formulas(text: str) -> tuple[str, list[str]]:
    """Text with each formula in words; the formulas replaced by NOTICE, as written, for the skipped list."""
    text = _scripts_as_carets(text)
    out, skipped, cursor = [], [], 0
    for start, end, latex, display in find_formulas(text):
        said = speak_latex(latex, display)
        out.append(text[cursor:start])
        out.append(f" {said.text}" + ("" if text[end:end + 1] in ("'", "’") else " "))  # "A[C]'s": "A of C's"
        if said.skipped:
            skipped.append(text[start:end])
        cursor = end
    out.append(text[cursor:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)), skipped
