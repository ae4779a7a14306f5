"""The pages a listener reads: the index lists the issues by their own numbers, newest first; a description never
repeats the title; the show notes give each title once; the episode page carries its transcript in the page
(paragraphs per segment of the script, each naming who speaks), readable in Chromium with JavaScript off."""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from podcast.publishing import ChapterEntry, EpisodeEntry, ItemEntry, items_description
from podcast.publishing.catalog import Catalog
from podcast.publishing.pages import site_pages
from podcast.publishing.shownotes import show_notes_html
from podcast.publishing.transcript import Sentence, paragraphs

from tests.support.show import REPO

ITEMS = [ItemEntry("AI and Efficiency", "https://openai.com/blog/ai-and-efficiency", "Danny Hernandez et al", ["Flo"]),
         ItemEntry("BERI seeking new university collaborators", None, "Sawyer Bernath", ["Rohin"])]
CHAPTERS = [ChapterEntry("Opening: Doubling times", None, 0.0), ChapterEntry("AI and Efficiency", ITEMS[0].url, 11.781),
            ChapterEntry("BERI seeking new university collaborators", None, 181.786), ChapterEntry("Closing", None, 212.663)]


def entry(number: int, date: str, description: str | None = None, **fields) -> EpisodeEntry:
    titles = [i.title for i in ITEMS]
    return EpisodeEntry(number=number, guid=f"g{number}", title=f"AN #{number}: Doubling times", date=date,
                        description=description or items_description(titles), link=None,
                        audio=f"episodes/{number:03d}/a.mp3", audio_bytes=1, duration_s=240.0,
                        chapters=CHAPTERS, items=ITEMS, **fields)


def show():
    from podcast.config import load_show

    return load_show(REPO / "podcast.toml")


def test_the_index_lists_issues_by_their_numbers_newest_first():
    catalog = Catalog(Path("catalog.json"), {n: entry(n, d) for n, d in ((98, "2020-05-06"), (100, "2020-05-20"),
                                                                        (99, "2020-05-13"))})
    html = site_pages(Path("no-site"), show(), catalog, "artwork.png", {})["index.html"].decode()
    assert "<ol" not in html[html.index("<main>"):], "a list's own counting would number AN #100 '3.' and AN #98 '1.'"
    assert re.findall(r'href="episodes/(\d+)/index.html">AN #(\d+)', html) == [("100", "100"), ("099", "99"),
                                                                                  ("098", "98")]


def test_a_description_never_repeats_the_title_and_the_show_notes_give_each_title_once():
    made = entry(99, "2020-05-13")
    assert made.description == "In this issue: AI and Efficiency; BERI seeking new university collaborators."
    assert made.description_lists_items and "Doubling" not in made.description
    notes = show_notes_html(show(), made, "https://example.org/episodes/099/")
    for item in ITEMS:
        assert unescape(notes).count(item.title) == 1, notes
    assert "00:00:00 Opening: Doubling times" in notes and "00:03:32 Closing" in notes  # apps seek by these
    assert ('00:00:11 <a href="https://openai.com/blog/ai-and-efficiency">AI and Efficiency</a> '
            '(Danny Hernandez et al), summarized by Flo') in notes
    page = site_pages(Path("no-site"), show(), Catalog(Path("c"), {99: made}), "artwork.png", {})["episodes/099/index.html"].decode()
    notes_part = page[page.index("<h2>Show notes</h2>"):]
    assert "In this issue:" not in notes_part and notes_part.count("AI and Efficiency") == 1

    own = entry(99, "2020-05-13", "The producer's own words.")
    assert not own.description_lists_items
    notes = show_notes_html(show(), own, "https://example.org/")
    assert "<p>The producer&#39;s own words. This episode is read by a synthetic voice.</p>" in notes


SENTENCES = [("Rohin Shah", Sentence(0.3, 7.3, "This is the podcast.")), ("Rohin Shah", Sentence(8.0, 10.0, "Published.")),
             ("Rohin Shah", Sentence(12.0, 12.6, "Highlights.")), ("Rohin Shah", Sentence(13.8, 15.0, "AI and Efficiency.")),
             ("Rohin Shah", Sentence(15.8, 17.5, "By Danny.")), ("Flo Dorner", Sentence(136.6, 137.6, "Flo's opinion.")),
             ("Flo Dorner", Sentence(138.3, 150.0, "It is high.")), ("Rohin Shah", Sentence(213.0, 216.4, "That was it."))]


def test_the_transcript_has_a_paragraph_per_segment_naming_who_speaks_under_its_chapters_title():
    made = entry(99, "2020-05-13", segment_starts_s=[0.0, 11.781, 13.2, 136.0, 212.663])
    said = [(p.chapter, p.speaker, [s.text for s in p.sentences]) for p in paragraphs(made, SENTENCES)]
    assert said == [("Opening: Doubling times", "Rohin Shah", ["This is the podcast.", "Published."]),
                    ("AI and Efficiency", "Rohin Shah", ["Highlights."]),
                    (None, "Rohin Shah", ["AI and Efficiency.", "By Danny."]),
                    (None, "Flo Dorner", ["Flo's opinion.", "It is high."]),
                    ("Closing", "Rohin Shah", ["That was it."])]
    # A catalog written before segments were recorded: a paragraph per speaker's turn in each chapter.
    older = [(p.chapter, p.speaker, len(p.sentences)) for p in paragraphs(entry(99, "2020-05-13"), SENTENCES)]
    assert older == [("Opening: Doubling times", "Rohin Shah", 2), ("AI and Efficiency", "Rohin Shah", 3),
                     (None, "Flo Dorner", 2), ("Closing", "Rohin Shah", 1)]


@pytest.mark.slow
@pytest.mark.browser
def test_the_episode_page_carries_its_transcript_without_javascript(published):
    from podcast.publishing import load_catalog

    from tests.support.browser import chromium
    from tests.support.show import serving

    built = load_catalog(published.site).episodes[99]
    assert built.description_lists_items and built.segment_starts_s
    segments = json.loads((published.site / built.sidecars["transcript"]).read_text(encoding="utf-8"))["segments"]
    with serving(published.site) as server, chromium("--mute-audio") as browser:
        context = browser.new_context(java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(server + "episodes/099/")
            assert "seekable" not in page.locator("#transcript").get_attribute("class"), "player.js did not run"
            sentences = page.locator("#transcript .cue")
            assert sentences.count() == len(segments)
            assert [" ".join(t.split()) for t in sentences.all_inner_texts()] == [" ".join(s["body"].split())
                                                                                  for s in segments]
            assert page.locator("#transcript .current").count() == 0, "nothing is highlighted without the script"
            speakers = page.locator("#transcript .speaker").all_inner_texts()
            assert set(speakers) == {s["speaker"] for s in segments} and len(speakers) >= len(built.chapters)
            headings = page.locator("#transcript h3").all_inner_texts()
            assert headings == [c.title for c in built.chapters]
            assert page.locator("#transcript").is_visible()
        finally:
            context.close()
