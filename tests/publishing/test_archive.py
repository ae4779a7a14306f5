"""The archive as a listener uses it, on a site of three corpus issues built by the CLI (tests/support/archive_site.py)
and served by `podcast serve` to Debian's headless Chromium: the search finds a word in the two issues whose scripts
say it and opens the moment the item is read; a word no script says finds nothing; the summaries page lists every
item of the three issues, its CSV and JSON the same rows; html-validate passes on the new pages."""
import csv
import io
import json
import re

import pytest

from podcast.publishing import load_catalog

from tests.support.clients import html_validate
from tests.support.browser import chromium, wait_for
from tests.support.show import serving

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ABSENT = "quokkaflarn"
"""A word no issue says (checked against the scripts)."""


def script_words(episode) -> dict[str, int]:
    """Lower-case words of the episode's script (what it says and the transcripts hold) -> how often."""
    words: dict[str, int] = {}
    for segment in episode.script.segments:
        for word in re.findall(r"[a-z]+", segment.text.lower()):
            words[word] = words.get(word, 0) + 1
    return words


@pytest.fixture(scope="module")
def server(archive):
    with serving(archive.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium("--mute-audio") as browser:
        yield browser


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
    assert page.errors == []


def search(page, server: str, word: str) -> list[dict]:
    """Type the word in the search box; each result as the page lists it: its link (under the site), title and
    the line under it."""
    page.fill("#search-query", word)
    wait_for(page, "document.getElementById('search-status').textContent !== ''", timeout=20_000)
    found = page.eval_on_selector_all("#search-results li", """items => items.map(li => ({
        href: li.querySelector('a').href, title: li.querySelector('a').textContent,
        meta: li.querySelector('.meta').textContent}))""")
    assert all(r["href"].startswith(server) for r in found), found
    return [{**r, "href": r["href"].removeprefix(server)} for r in found]


def test_a_word_two_issues_say_finds_both_and_a_result_plays_the_item_from_its_start(archive, page, server):
    words = {number: script_words(e) for number, e in archive.episodes.items()}
    in_two = sorted((sum(counts[w] for counts in words.values() if w in counts), w)
                    for w in set().union(*words.values()) if len(w) >= 8
                    and sum(w in counts for counts in words.values()) == 2)
    count, word = in_two[0]  # the rarest: every moment that says it fits in the results shown
    saying = sorted(n for n, counts in words.items() if word in counts)
    catalog = load_catalog(archive.site)
    page.goto(server)
    results = search(page, server, word)
    issues = {int(m[1]) for r in results if (m := re.match(r"episodes/(\d{3})/#t=", r["href"]))}
    assert set(saying) <= issues, (word, saying, results)

    for number in saying:
        entry = catalog.episodes[number]
        starts = {item.title: chapter.start_s for item, chapter in entry.item_chapters() if chapter}
        found = next((r for r in results if r["href"].startswith(f"episodes/{number:03d}/") and r["title"] in starts),
                     None)
        if found is None:  # the word is said only in the opening or closing: the chapter's own start
            found = next(r for r in results if r["href"].startswith(f"episodes/{number:03d}/"))
            starts = {c.title: c.start_s for c in entry.chapters}
        start = starts[found["title"]]
        assert entry.title in found["meta"]
        page.goto(server)
        search(page, server, word)
        page.locator(f"#search-results a[href='{server}{found['href']}']").first.click()
        page.wait_for_url(re.compile(rf"/episodes/{number:03d}/#t="))
        wait_for(page, f"(() => {{ const p = document.getElementById('player');"
                       f" return !p.paused && !p.seeking && p.currentTime >= {start} - 0.05"
                       f" && p.currentTime < {start} + 1; }})()", timeout=15_000)
        assert page.inner_text("h1") == entry.title
        marked = page.locator("ol.chapters li.current")
        assert marked.count() == 1 and found["title"] in marked.inner_text()


def test_a_word_no_issue_says_finds_nothing(archive, page, server):
    assert all(ABSENT not in script_words(e) for e in archive.episodes.values())
    page.goto(server + "episodes/093/")
    assert search(page, server, ABSENT) == []
    assert "Nothing found" in page.inner_text("#search-status")


def test_the_chapter_list_links_to_each_moment_and_a_link_seeks(archive, page, server):
    entry = load_catalog(archive.site).episodes[85]
    page.goto(server + "episodes/085/")
    links = page.eval_on_selector_all("ol.chapters a.moment", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) == len(entry.chapters)
    assert [float(h.removeprefix("#t=")) for h in links] == [c.start_s for c in entry.chapters]
    chapter = entry.chapters[3]
    page.goto(server + f"episodes/085/#t={round(chapter.start_s)}")  # a moment shared by hand, in whole seconds
    wait_for(page, f"Math.abs(document.getElementById('player').currentTime - {round(chapter.start_s)}) < 1")
    page.locator("ol.chapters a.moment").nth(2).click()
    wait_for(page, f"(() => {{ const p = document.getElementById('player');"
                   f" return !p.paused && p.currentTime >= {entry.chapters[2].start_s} - 0.05"
                   f" && p.currentTime < {entry.chapters[2].start_s} + 1; }})()", timeout=15_000)
    assert page.evaluate("location.hash") == links[2]
    assert entry.chapters[2].title in page.locator("ol.chapters li.current").inner_text()


def page_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all("table.summaries tbody tr:not([hidden])",
                                     "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))")


def test_the_summaries_page_lists_every_item_and_its_csv_and_json_the_same_rows(archive, page, server):
    items = [(number, item.title) for number, e in archive.episodes.items() for item in e.issue.items]
    assert len(items) == 2 + 9 + 7, "AN #99's excerpt, AN #85 and AN #93"
    page.goto(server + "summaries.html")
    rows = page_rows(page)
    assert sorted((int(r[0]), r[3]) for r in rows) == sorted(items)

    text = (archive.site / "summaries.csv").read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [(int(r["issue"]), r["date"], r["section"], r["title"], r["authors"], r["summarized_by"]) for r in table] \
        == [(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]
    assert json.loads((archive.site / "summaries.json").read_text(encoding="utf-8")) == [
        {**r, "issue": int(r["issue"]), "url": r["url"] or None,
         "start_s": float(r["start_s"]) if r["start_s"] else None} for r in table]
    catalog = load_catalog(archive.site)
    for r in table:
        start = float(r["start_s"])
        entry = catalog.episodes[int(r["issue"])]
        assert r["title"] in {c.title for c in entry.chapters if c.start_s == start}
        link, _, moment = r["play_url"].partition("#t=")
        assert link == f"{archive.show.base_url}episodes/{entry.number:03d}/" and float(moment) == start
    assert any(r["section"] == "Technical AI alignment › Mesa optimization" for r in table)

    issue = page.locator("table.summaries th button", has_text="Issue")
    issue.click()
    assert [int(r[0]) for r in page_rows(page)] == sorted(n for n, _ in items)
    issue.click()
    assert [int(r[0]) for r in page_rows(page)] == sorted((n for n, _ in items), reverse=True)
    page.fill("#summaries-filter", "Rohin precipice")
    assert [r[3] for r in page_rows(page)] == ["The Precipice: Existential Risk and the Future of Humanity"]
    assert page.inner_text("#summaries-count") == f"1 of {len(items)} items"


def test_html_validate_passes_on_the_archive_pages(archive, tmp_path):
    pages = [archive.site / "summaries.html", archive.site / "index.html", archive.site / "episodes/085/index.html"]
    report = tmp_path / "report.json"
    done, problems = html_validate(pages, report)
    assert done.returncode == 0 and not problems, "\n".join(problems) or done.stderr
