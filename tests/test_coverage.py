"""No text silently dropped: for every corpus issue, the spoken script plus the skipped boilerplate hold at least
99% of the source's words (both sides said for the ear, so "80%" and "eighty percent" count as the same)."""
import warnings

import pytest

from podcast.config import load_show
from podcast.reading import read_text
from podcast.scripting import write_script
from podcast.scripting.ear import for_the_ear

from .support.show import REPO
from .corpus import ALL_ISSUES, as_flat_text, meta_for, source_text, words

SHOW = load_show(REPO / "podcast.toml")


def coverage(issue, source: str, meta) -> float:
    script = write_script(issue, meta, SHOW)
    said = words(" ".join(s.text for s in script.segments) + " " + " ".join(for_the_ear(s.text) for s in script.skipped))
    wanted = words(for_the_ear(source))
    return sum((wanted & said).values()) / sum(wanted.values())


def repeated(issue, source: str, meta) -> float:
    """Share of spoken words beyond the source's own: only the opening, closing and item announcements."""
    spoken = words(" ".join(s.text for s in write_script(issue, meta, SHOW).segments))
    wanted = words(for_the_ear(source))
    return sum((spoken - wanted).values()) / sum(wanted.values())


@pytest.mark.parametrize("path", ALL_ISSUES, ids=lambda p: p.stem)
def test_spoken_plus_skipped_cover_the_source(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        issue = read_text(path.read_text(encoding="utf-8"), path.suffix)
        assert coverage(issue, source_text(path), meta_for(path)) >= 0.99
        assert repeated(issue, source_text(path), meta_for(path)) <= 0.02  # every sentence spoken once


@pytest.mark.parametrize("path", [p for p in ALL_ISSUES if p.suffix == ".md"], ids=lambda p: p.stem)
def test_flattened_text_is_covered_too(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        issue = read_text(as_flat_text(path), ".txt")
        assert coverage(issue, as_flat_text(path), meta_for(path)) >= 0.99


def test_skipped_boilerplate_is_not_spoken():
    path = next(p for p in ALL_ISSUES if p.stem == "an-085")
    script = write_script(read_text(path.read_text(encoding="utf-8"), ".md"), meta_for(path), SHOW)
    spoken = " ".join(s.text for s in script.segments)
    skipped = " ".join(s.text for s in script.skipped)
    for boilerplate in ["View this email in your browser", "Audio version here", "Copyright ©", "unsubscribe"]:
        assert boilerplate in skipped and boilerplate not in spoken
