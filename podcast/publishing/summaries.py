"""Every summary, one table: each item of every published episode (issue, date, section, title linked to the
paper, authors, who summarized it, and a link to the moment it is read), made from the catalog, as the page
summaries.html (sortable and filterable in the browser by assets/summaries.js; without it, still the whole
table) and the same rows as summaries.csv and summaries.json beside it: the newsletter's spreadsheet of all
summaries, with the audio attached. Newest issue first, the items of an issue in its order."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from ..config import Show
from .catalog import Catalog
from .pages import is_rendered, render_key
from .moments import moment_link
from .subscribe import subscribe_links
from .templating import render

PAGE, CSV, JSON = "summaries.html", "summaries.csv", "summaries.json"
"""Where the table and its downloads live in the site."""

SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class SummaryRow:
    """One item, as the page, the CSV and the JSON give it."""

    issue: int
    date: str
    """ISO date of the episode."""
    episode: str
    """The episode's title."""
    section: str
    """The headings the item stands under, outermost first, joined by " › "."""
    title: str
    url: str | None
    """The paper (or post) the item summarizes."""
    authors: str
    summarized_by: str
    """Full names, comma-separated."""
    start_s: float | None
    """Where the item starts in the episode's audio; None when no chapter reads it."""
    play_url: str
    """The moment it is read (episodes/NNN/#t=SECONDS): under the site on the page, absolute in the downloads."""


def summary_rows(show: Show, catalog: Catalog, base: str = "") -> list[SummaryRow]:
    """Every item of every episode, newest episode first; play links under `base` ("" for links relative to the
    site's root, the show's base URL for the downloads)."""
    return [SummaryRow(issue=entry.number, date=entry.date, episode=entry.title,
                       section=SECTION_SEPARATOR.join(item.section), title=item.title, url=item.url,
                       authors=item.authors or "", summarized_by=", ".join(show.person(n) for n in item.summarizers),
                       start_s=chapter.start_s if chapter else None,
                       play_url=base + moment_link(entry.number, chapter.start_s if chapter else None))
            for entry in catalog.newest_first() for item, chapter in entry.item_chapters()]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes a cell starting with for a formula (OWASP, "CSV Injection")."""


def spreadsheet_text(value):
    """A text cell a spreadsheet opening the CSV shows as text, never runs: one starting like a formula (a title
    `=HYPERLINK(...)`, authors `@SUM(...)`) gets a leading `'`, as OWASP advises. Other values as they are."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def summaries_csv(rows: list[SummaryRow]) -> bytes:
    """The rows as CSV (RFC 4180, UTF-8, a header row of the field names), every text cell spreadsheet_text."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(SummaryRow.__dataclass_fields__), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: spreadsheet_text(value) for name, value in asdict(row).items()} for row in rows)
    return out.getvalue().encode("utf-8")


def summaries_json(rows: list[SummaryRow]) -> bytes:
    """The rows as a JSON array of objects with the CSV's field names, every value as it is (no `'` added: a
    program reads JSON, not a spreadsheet)."""
    return orjson.dumps([asdict(row) for row in rows], option=orjson.OPT_INDENT_2) + b"\n"


def summaries_files(site: Path, show: Show, catalog: Catalog, artwork: str) -> dict[str, bytes]:
    """Path under the site -> bytes of the page, the CSV and the JSON; none when the site's page was made from the
    same rows, settings and code (the three are written together: an edit of a summary's text changes none)."""
    downloads = summary_rows(show, catalog, show.base_url)
    data = summaries_json(downloads)
    key = render_key(show, artwork, data)
    if is_rendered(site, PAGE, key) and (site / CSV).is_file() and (site / JSON).is_file():
        return {}
    page = render("summaries.html", show=show, rows=summary_rows(show, catalog), artwork=artwork, root="",
                  subscribe_links=subscribe_links(show), csv=CSV, json=JSON, page_key=key)
    return {PAGE: page.encode("utf-8"), CSV: summaries_csv(downloads), JSON: data}
