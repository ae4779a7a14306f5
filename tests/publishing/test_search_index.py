"""The search index and the summaries table from a catalog, without audio: a record per chapter holding what the
episode says in it, at its moment; Pagefind (the real binary) indexes a shard of ten issues again only when its
episodes changed, and what an indexed-again shard no longer uses is removed; the summaries' CSV and JSON rows."""
import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from podcast.publishing import ChapterEntry, ItemEntry
from podcast.publishing.catalog import Catalog
from podcast.publishing.moments import moment_fragment, moment_link
from podcast.publishing.search import MANIFEST, episode_records, remove_stale_search_files, search_index
from podcast.publishing.summaries import summaries_csv, summaries_json, summary_rows
from podcast.publishing.transcript import Sentence

from tests.publishing.test_listener_pages import entry, show

ITEMS = [ItemEntry("AI and Efficiency", "https://openai.com/blog/ai-and-efficiency", "Danny Hernandez et al", ["Flo"],
                   ["Highlights"]),
         ItemEntry("BERI seeking new university collaborators", None, "Sawyer Bernath", ["Rohin"], ["News"])]
SENTENCES = [Sentence(0.3, 7.3, "This is the podcast."), Sentence(13.8, 15.0, "Compute halves every sixteen months."),
             Sentence(182.0, 190.0, "BERI seeks collaborators."), Sentence(213.0, 216.4, "Thanks for listening.")]


def archive_entry(number: int):
    return replace(entry(number, f"2020-05-{number % 28 + 1:02d}"), items=ITEMS)


def test_moments_are_media_fragments_to_the_millisecond():
    assert [moment_fragment(s) for s in (11.781, 12.5, 12.0, 0.0, 3600.1234)] == \
        ["t=11.781", "t=12.5", "t=12", "t=0", "t=3600.123"]
    assert moment_link(99, 11.781) == "episodes/099/#t=11.781" and moment_link(7, None) == "episodes/007/"


def test_a_record_per_chapter_holds_what_the_episode_says_in_it_at_its_moment():
    records = episode_records(show(), archive_entry(99), SENTENCES)
    assert [(r.title, r.url, r.text) for r in records] == [
        ("Opening: Doubling times", "episodes/099/#t=0", "This is the podcast."),
        ("AI and Efficiency", "episodes/099/#t=11.781", "Compute halves every sixteen months."),
        ("BERI seeking new university collaborators", "episodes/099/#t=181.786", "BERI seeks collaborators."),
        ("Closing", "episodes/099/#t=212.663", "Thanks for listening.")]
    assert (records[1].section, records[1].authors, records[1].summarized_by) == \
        ("Highlights", "Danny Hernandez et al", "Flo Dorner")


def write_transcript(folder: Path, number: int) -> Path:
    path = folder / f"{number}.json"
    path.write_text(json.dumps({"version": "1.0.0", "segments": [
        {"speaker": "Rohin Shah", "startTime": s.start_s, "endTime": s.end_s, "body": s.text} for s in SENTENCES]}))
    return path


def publish_index(site: Path, catalog: Catalog, transcripts: dict):
    index = search_index(site, show(), catalog, transcripts)
    for path, data in index.files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    remove_stale_search_files(site, index)
    return index


def test_only_the_shard_whose_episodes_changed_is_indexed_again(tmp_path):
    site = tmp_path / "site"
    catalog = Catalog(site / "catalog.json", {n: archive_entry(n) for n in (85, 93, 99)})
    transcripts = {n: write_transcript(tmp_path, n) for n in catalog.episodes}
    first = publish_index(site, catalog, transcripts)
    assert json.loads((site / MANIFEST).read_text())["shards"] == ["080-089", "090-099"]
    assert {p.split("/")[1] for p in first.indexed} == {"080-089", "090-099"} and first.indexed <= set(first.files)
    eighties = {p: p.stat().st_mtime_ns for p in (site / "pagefind" / "080-089").rglob("*")}

    quiet = publish_index(site, catalog, transcripts)
    assert (set(quiet.files), quiet.indexed) == ({MANIFEST}, set()), "nothing changed, nothing indexed"
    catalog.episodes[99] = replace(catalog.episodes[99], title="AN #99: Retitled")
    again = publish_index(site, catalog, transcripts)
    assert {p.split("/")[1] for p in again.indexed} == {"090-099"}
    assert "pagefind/090-099/pagefind.js" not in again.files, "what the site holds already is not written again"
    assert {p: p.stat().st_mtime_ns for p in (site / "pagefind" / "080-089").rglob("*")} == eighties
    nineties = {p.relative_to(site).as_posix() for p in (site / "pagefind" / "090-099").rglob("*") if p.is_file()}
    assert nineties == again.indexed, "what it no longer uses is gone"


def test_the_summaries_csv_and_json_hold_the_same_rows_with_absolute_moments():
    catalog = Catalog(Path("catalog.json"), {n: archive_entry(n) for n in (98, 99)})
    rows = summary_rows(show(), catalog, "https://example.org/podcast/")
    table = list(csv.DictReader(io.StringIO(summaries_csv(rows).decode("utf-8"), newline="")))
    assert [(r["issue"], r["title"], r["section"], r["summarized_by"], r["play_url"]) for r in table] == [
        ("99", "AI and Efficiency", "Highlights", "Flo Dorner", "https://example.org/podcast/episodes/099/#t=11.781"),
        ("99", "BERI seeking new university collaborators", "News", "Rohin Shah",
         "https://example.org/podcast/episodes/099/#t=181.786"),
        ("98", "AI and Efficiency", "Highlights", "Flo Dorner", "https://example.org/podcast/episodes/098/#t=11.781"),
        ("98", "BERI seeking new university collaborators", "News", "Rohin Shah",
         "https://example.org/podcast/episodes/098/#t=181.786")]
    assert [{k: str(v) if v is not None else "" for k, v in r.items()} for r in json.loads(summaries_json(rows))] == table
