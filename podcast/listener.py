"""Words as a listener hears them, and where what was heard differs from what was written: the scoring beside the
recognizer (recognition.hear), shared by the take verdict, the listening check and the word error rates.

Both sides go through Whisper's English normaliser (`whisper-normalizer`, OpenAI's rules: case, punctuation,
contractions, British spellings, spelled numbers as digits), brackets read as pauses (the normaliser would delete
what they hold). The written text is kept as its words, each normalised on its own (a run of number words as
one: "twenty five" is "25"), so a difference names the written word. The alignment counts a word that one side
writes as two ("newsletter", "news letter"; "after-attack", "afterattack") once, and credits a word heard as the
lexicon says it ("OOD" heard as "out of distribution") or as a word that sounds the same ("halving" as "having")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

MAX_RUN = 4
"""A word one side writes as up to four words on the other ("a g i", "out of distribution")."""
BRACKETS = re.compile(r"[\[\](){}<>]")
POSSESSIVE = re.compile(r"\b(?!(?:it|that|there|here|what|who|he|she|where|how|when|why|let)'s\b)(\w+?)(?:s'|'s|s's)(?!\w)",
                        re.IGNORECASE)
"""A plural, a possessive and a plural possessive sound the same ("authors", "author's", "authors'"): all are
written "s" before the normaliser, which would make "'s" "is". A pronoun's "'s" ("it's", "there's") is a
contraction, left to the normaliser."""
ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
""""The thirteenth" is heard written "13": the number is what is heard."""
ZEROS = re.compile(r"(?<=\d)(?:(\.\d*?)0+|\.)(?=\s|$)")
""""four point zero" is written "4.0" by the normaliser and "4.0" is written "4": trailing zeros are not heard."""


@cache
def _normalizer():
    from whisper_normalizer.english import EnglishTextNormalizer

    return EnglishTextNormalizer()


@cache
def number_words() -> frozenset[str]:
    """The words Whisper's normaliser turns into digits when they run together ("two thousand twenty")."""
    from whisper_normalizer.english import EnglishNumberNormalizer

    n = EnglishNumberNormalizer()
    return frozenset({*n.ones, *n.ones_suffixed, *n.tens, *n.tens_suffixed, *n.multipliers,
                      *n.multipliers_suffixed, "zero", "point", "percent"})


def normalised(text: str) -> list[str]:
    """The words of text as Whisper's normaliser writes them, brackets read as pauses, plurals and possessives
    alike, ordinals as their numbers."""
    text = POSSESSIVE.sub(r"\1s", BRACKETS.sub(", ", text).replace("\u2019", "'"))
    return ZEROS.sub(lambda m: m[1] if m[1] and m[1] != "." else "", ORDINAL.sub("", _normalizer()(text))).split()


def listened(text: str) -> str:
    """normalised() as one string: the form word error rates compare."""
    return " ".join(normalised(text))


def _is_number(word: str) -> bool:
    """A number word ("twenty-five", "million") or a number in digits ("7.5", "$10", "40%")."""
    if re.fullmatch(r"[$£€]?\d[\d.,]*%?[.,;:!?]?", word):
        return True
    parts = re.sub(r"[^\w-]", "", word.lower()).split("-")
    return all(p in number_words() for p in parts) and any(parts)


@dataclass(frozen=True)
class Unit:
    """One word as written (or a run of number words, said as one number), and how a listener hears it."""

    text: str
    """As written."""
    said: str
    """normalised(text) without spaces: "" for a word the normaliser drops ("uh")."""
    first: int
    """Index of its first written word."""
    count: int
    """How many written words it covers."""


def units(written: Sequence[str]) -> list[Unit]:
    """Written words as units, a run of number words ("and" inside one) as one unit."""
    out, i = [], 0
    while i < len(written):
        j = i + 1
        if _is_number(written[i]):  # a number runs on to a word ending a clause ("thirteenth, twenty twenty")
            while (j < len(written) and not re.search(r"[^\w'\u2019]$", written[j - 1])
                   and (_is_number(written[j]) or written[j].lower() == "and" and j + 1 < len(written)
                        and _is_number(written[j + 1]))):
                j += 1
        text = " ".join(written[i:j])
        out.append(Unit(text, "".join(normalised(text)), i, j - i))
        i = j
    return out


def written_words(text: str) -> list[str]:
    """The text's words as written, split at spaces and brackets (a pause)."""
    return BRACKETS.sub(" ", text).split()


@cache
def _homophones() -> dict[str, frozenset[str]]:
    """Words of the CMU Pronouncing Dictionary (the copy pocketsphinx ships) by the words that sound the same in
    their first pronunciations: "halving" and "having", "add" and "ad", "two" and "too". Whisper writes one of a
    pair by the sense it guesses; a listener hears the same sound."""
    from pocketsphinx import get_model_path

    by_sound: dict[str, set[str]] = {}
    with open(Path(get_model_path()) / "en-us" / "cmudict-en-us.dict", encoding="utf-8") as dictionary:
        for line in dictionary:
            word, _, phones = line.strip().partition(" ")
            if word.isalpha() and word.isascii():  # not "word(2)", a second pronunciation
                by_sound.setdefault(phones, set()).add(word)
    return {word: frozenset(same - {word}) for same in by_sound.values() if len(same) > 1 for word in same}


def spoken_forms(written: list[Unit], respell: Callable[[str], str]) -> list[frozenset[str]]:
    """Each unit's other ways to be heard right: as respell (the lexicon's [say] entries) has it said, when that
    differs ("OOD": "outofdistribution"), and as the words that sound the same ("halving": "having")."""
    out = []
    for unit in written:
        form = "".join(normalised(respell(unit.text)))
        same = _homophones().get(re.sub(r"[^\w']", "", unit.text).lower(), frozenset())  # "two", said "2"
        out.append(same | {form} if form and form != unit.said else same)
    return out


@dataclass(frozen=True)
class Difference:
    """Written words heard as something else (or not at all), or words heard that were not written."""

    written: str
    """The written words ("" for words heard in addition)."""
    heard: str
    """What was heard ("" for words not heard at all)."""
    first_heard: int
    """Index of the first heard unit of it, or of the heard unit it comes before (words not heard)."""
    heard_count: int
    first_written: int = 0
    """Index of the first written unit of it, or of the written unit it comes before (words heard in addition)."""
    written_count: int = 0


@dataclass(frozen=True)
class Alignment:
    reference: int
    """Units in the written text: the denominator of the word error rate."""
    errors: int
    differences: list[Difference]
    matches: tuple[tuple[int, int, int, int], ...] = ()
    """The written units [a, b) heard right as the heard units [c, d), in order."""


def _runs(keys: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Every run of 2..MAX_RUN consecutive keys, by its concatenation: (start, length)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(keys)):
        for n in range(2, MAX_RUN + 1):
            if i + n <= len(keys):
                out.setdefault("".join(keys[i:i + n]), []).append((i, n))
    return out


def _free_moves(ref: list[str], forms: list[frozenset[str]], hyp: list[str]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """The moves that cost nothing besides a match: (i1, j1) -> the (i0, j0) it comes from, for one written unit
    (in any of its forms) heard as a run, and a written run heard as one unit."""
    free: dict[tuple[int, int], list[tuple[int, int]]] = {}
    heard_runs = _runs(hyp)
    for i, said in enumerate(forms):
        for form in said:
            for j, k in heard_runs.get(form, ()):
                free.setdefault((i + 1, j + k), []).append((i, j))
    written_runs = _runs(ref)
    for j, word in enumerate(hyp):
        for i, k in written_runs.get(word, ()):
            free.setdefault((i + k, j + 1), []).append((i, j))
    return free


def _edit_path(forms: list[frozenset[str]], hyp: list[str], free: dict) -> tuple[int, list[tuple[int, int, int, int, int]]]:
    """Levenshtein with the free moves: the fewest errors, and the moves (i0, i1, j0, j1, cost) in order."""
    n, m = len(forms), len(hyp)
    inf = n + m + 1
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            moves = ([(cost[i - 1][j - 1] + (hyp[j - 1] not in forms[i - 1]), (i - 1, j - 1))] if i and j else [])
            moves += [(cost[i - 1][j] + 1, (i - 1, j))] if i else []
            moves += [(cost[i][j - 1] + 1, (i, j - 1))] if j else []
            moves += [(cost[a][b], (a, b)) for a, b in free.get((i, j), ())]
            if moves:
                cost[i][j], step[i][j] = min(moves, key=lambda move: move[0])
    path, i, j = [], n, m
    while (i, j) != (0, 0):
        a, b = step[i][j]
        path.append((a, i, b, j, cost[i][j] - cost[a][b]))
        i, j = a, b
    return cost[n][m], path[::-1]


def align(written: list[Unit], heard: list[Unit], alternatives: Iterable[frozenset[str]] | None = None) -> Alignment:
    """The fewest word errors turning the written units into the heard ones (Levenshtein), where one unit
    matching a run of two to four on the other side (their letters the same) costs nothing, and where a written
    unit also matches what its alternatives (one set of spoken forms per unit, as `said`) say; each stretch of
    errors between matches is one Difference. Units the normaliser empties ("uh") are left out on both sides."""
    keep_w = [k for k, u in enumerate(written) if u.said]
    keep_h = [k for k, u in enumerate(heard) if u.said]
    alts = list(alternatives) if alternatives is not None else [frozenset()] * len(written)
    forms = [alts[k] | {written[k].said} for k in keep_w]
    hyp = [heard[k].said for k in keep_h]
    errors, path = _edit_path(forms, hyp, _free_moves([written[k].said for k in keep_w], forms, hyp))
    differences, pending, matches = [], [], []
    for move in [*path, None]:
        if move and move[4]:
            pending.append(move)
            continue
        if move:
            matches.append((keep_w[move[0]], keep_w[move[1] - 1] + 1, keep_h[move[2]], keep_h[move[3] - 1] + 1))
        if pending:
            said = [h for p in pending for h in range(p[2], p[3])]
            first = said[0] if said else pending[0][2]
            wrote = [w for p in pending for w in range(p[0], p[1])]
            before = wrote[0] if wrote else pending[0][0]
            differences.append(Difference(" ".join(written[keep_w[w]].text for w in wrote),
                                          " ".join(heard[keep_h[h]].text for h in said),
                                          keep_h[first] if first < len(keep_h) else len(heard), len(said),
                                          keep_w[before] if before < len(keep_w) else len(written), len(wrote)))
            pending = []
    return Alignment(len(forms), errors, differences, tuple(matches))
