"""Nothing dropped, nothing read as symbols: on every corpus issue in each of its formats (Markdown, the
email's HTML, flattened text), every word of the source is either spoken or listed as skipped with its
reason, the spoken text holds no URL, markup or bare symbol, and at least 99.5% of the words that are not
boilerplate are spoken. Both sides are said for the ear before counting, so "80%" and "eighty percent"
count as the same word."""
import re
import warnings
from collections import Counter

import pytest

from podcast.config import load_show
from podcast.reading import read_text
from podcast.scripting import write_script
from podcast.scripting.ear import to_speech

from tests.support.corpus import ALL_ISSUES, as_announced, as_flat_text, as_html, meta_for, source_text, words
from tests.support.show import REPO

SHOW = load_show(REPO / "podcast.toml")
BOILERPLATE = {"introduction", "closing trailers", "cross-reference", "read-more link", "prerequisites link"}
"""Skipped on purpose: the newsletter's standing opening and closing, and the text of links that point
elsewhere ("( AN #73 )", "Read more: Paper: ..."), which the show notes keep."""
BARE_SYMBOL = re.compile(r"[|\\_^${}<>=~*#@/%&+\[\]]|https?:|www\.|\.(?:com|org|html?)\b|[^\x00-\x7f’‘“”…\w]")
CASES = [(p, fmt) for p in ALL_ISSUES for fmt in ((".md", ".html", ".txt") if p.suffix == ".md" else (".txt",))]


def _text(path, fmt):
    if path.suffix != ".md":
        return path.read_text(encoding="utf-8")
    return {".md": lambda: path.read_text(encoding="utf-8"), ".html": lambda: as_html(path),
            ".txt": lambda: as_flat_text(path)}[fmt]()


def _heard(text: str) -> Counter:
    """The words of text for the ear, with those the ear itself took out (URLs, references, equations)."""
    speech = to_speech(as_announced(text))
    return words(speech.text) + words(" ".join(s.text for s in speech.skipped))


def _script(path, fmt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return write_script(read_text(_text(path, fmt), fmt), meta_for(path), SHOW)


@pytest.mark.parametrize("path, fmt", CASES, ids=lambda c: getattr(c, "stem", c))
def test_every_word_is_spoken_or_skipped(path, fmt):
    script = _script(path, fmt)
    source = source_text(path) if fmt != ".txt" else _text(path, fmt)
    wanted = _heard(source)
    spoken = words(" ".join(s.text for s in script.segments))
    skipped = sum((_heard(s.text) for s in script.skipped), Counter())
    boilerplate = sum((_heard(s.text) for s in script.skipped if s.reason in BOILERPLATE), Counter())
    assert wanted - (spoken + skipped) == Counter()  # 100% accounted for
    own = wanted - boilerplate
    assert sum((spoken & own).values()) / sum(own.values()) >= 0.995
    assert all(s.reason for s in script.skipped)


@pytest.mark.parametrize("path, fmt", CASES, ids=lambda c: getattr(c, "stem", c))
def test_nothing_spoken_is_a_symbol(path, fmt):
    for segment in _script(path, fmt).segments:
        assert not BARE_SYMBOL.search(segment.text), (segment.id, BARE_SYMBOL.search(segment.text)[0])
        assert not re.search(r"\d", segment.text), segment.id


def test_skipped_boilerplate_is_not_spoken():
    path = next(p for p in ALL_ISSUES if p.stem == "an-085")
    script = write_script(read_text(path.read_text(encoding="utf-8"), ".md"), meta_for(path), SHOW)
    spoken = " ".join(s.text for s in script.segments)
    skipped = " ".join(s.text for s in script.skipped)
    for boilerplate in ["View this email in your browser", "Audio version here", "Copyright ©", "unsubscribe"]:
        assert boilerplate in skipped and boilerplate not in spoken


def test_spoken_once():
    """Every sentence is spoken once: beyond the source's words, only the opening, closing and item
    announcements are added (and the statement of who reads the episode, test_disclosure.py's)."""
    for path in ALL_ISSUES:
        script = _script(path, path.suffix)
        spoken = words(" ".join(s.text for s in script.segments if s.kind != "disclosure"))
        wanted = _heard(source_text(path))
        assert sum((spoken - wanted).values()) / sum(wanted.values()) <= 0.02, path.stem
