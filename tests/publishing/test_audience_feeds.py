"""A feed per audience ([feeds.highlights]) added to an up-to-date site of two issues, one with a highlight and one
without: the highlights episode is joined from the pieces the full episode was encoded in (nothing voiced or
encoded), read back by podcast-partytime and feedsmith, ffprobe and ffmpeg's loudness meter; its GUIDs are
those a site built from scratch gives; the issue without a highlight has no episode in it; the main feed is the
one the site had before the feed was added; every page's head offers each feed (Chromium reads the links) and
passes html-validate."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from podcast.publishing import load_catalog

from tests.support.clients import html_validate
from tests.support.audience_site import FEEDS, no_highlight
from tests.support.browser import chromium
from tests.support.show import REPO, run_podcast, serving

pytestmark = pytest.mark.slow  # two real episodes voiced and mastered (tests/support/audience_site.py)


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed: scripts/system-packages installs it"
    return path


@pytest.fixture(scope="session")
def highlights(audience_site) -> dict:
    return load_catalog(audience_site.site).feeds["highlights"]


def ffprobe(path: Path, *entries: str) -> dict:
    done = subprocess.run([tool("ffprobe"), "-v", "error", "-of", "json", *entries, str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_adding_the_feed_voices_and_encodes_nothing(audience_site):
    voiced = re.findall(r"episode (\d+): \d+ segments \((\d+) synthesized", audience_site.added)
    encoded = re.findall(r"episode (\d+): .*; (\d+) of \d+ pieces encoded", audience_site.added)
    assert sorted(voiced) == [("98", "0"), ("99", "0")], audience_site.added
    assert sorted(encoded) == [("98", "0"), ("99", "0")], audience_site.added


def test_the_main_feed_is_unchanged(audience_site):
    assert (audience_site.site / "feed.xml").read_bytes() == audience_site.feed_before


def test_an_issue_without_a_highlight_has_no_episode_in_it(audience_site, highlights):
    assert sorted(highlights) == [99]
    assert sorted(load_catalog(audience_site.site).episodes) == [98, 99]


@pytest.mark.parametrize("client", ["partytime", "feedsmith"])
def test_npm_feed_parsers_read_the_highlights_feed(audience_site, highlights, client):
    show, site = audience_site.show, audience_site.site
    done = subprocess.run([tool("node"), str(REPO / "tests" / "clients" / "feeds.mjs"),
                           str(site / "feeds" / "highlights.xml")], capture_output=True, text=True, cwd=REPO / "tests")
    assert done.returncode == 0, done.stderr
    [episode] = json.loads(done.stdout)[client]["episodes"]
    entry = highlights[99]
    main = load_catalog(site).episodes[99]
    assert episode["guid"] == entry.guid != main.guid
    assert episode["enclosure"]["url"] == show.base_url + entry.audio != show.base_url + main.audio
    assert int(episode["enclosure"]["length"]) == (site / entry.audio).stat().st_size
    assert episode["chapters"] == [show.base_url + entry.sidecars["chapters"]]
    assert {t["url"] for t in episode["transcripts"]} == {show.base_url + entry.sidecars[k]
                                                          for k in ("vtt", "srt", "transcript")}


def test_the_feed_is_a_podcast_of_its_own(audience_site):
    feed = (audience_site.site / "feeds" / "highlights.xml").read_text(encoding="utf-8")
    main = audience_site.feed_before.decode("utf-8")
    guid = re.compile(r"<podcast:guid>([^<]+)</podcast:guid>")
    assert guid.search(feed)[1] != guid.search(main)[1]
    assert "<title>Alignment Newsletter Podcast (Highlights)</title>" in feed
    assert f'href="{audience_site.show.base_url}feeds/highlights.xml" rel="self"' in feed
    page = (audience_site.site / "index.html").read_text(encoding="utf-8")
    assert 'href="feeds/highlights.xml"' in page and "pktc://subscribe/alignment-newsletter.example/podcast/feeds/highlights.xml" in page


def test_duration_is_the_sum_of_its_chapters_and_ffprobe_lists_them_in_order(audience_site, highlights):
    entry = highlights[99]
    mp3 = audience_site.site / entry.audio
    chapters = ffprobe(mp3, "-show_chapters")["chapters"]
    assert [c["tags"]["title"] for c in chapters] == ["Opening: Highlighted", "AI and Efficiency", "Closing"]
    starts = [float(c["start_time"]) for c in chapters]
    assert starts == sorted(starts) and starts == [c.start_s for c in entry.chapters]
    duration = float(ffprobe(mp3, "-show_entries", "format=duration")["format"]["duration"])
    assert abs(sum(float(c["end_time"]) - float(c["start_time"]) for c in chapters) - duration) <= 0.050
    full = load_catalog(audience_site.site).episodes[99]
    assert duration < full.duration_s - 5, "the news item is not in it"
    listed = json.loads((audience_site.site / entry.sidecars["chapters"]).read_text(encoding="utf-8"))["chapters"]
    assert [c["startTime"] for c in listed] == [c.start_s for c in entry.chapters]
    segments = json.loads((audience_site.site / entry.sidecars["transcript"]).read_text(encoding="utf-8"))["segments"]
    assert segments[-1]["endTime"] <= duration and not any("BERI" in s["body"] for s in segments)


@pytest.mark.parametrize("kind", ["audio", "opus"])
def test_loudness_within_the_same_limits(audience_site, highlights, kind):
    entry = highlights[99]
    path = audience_site.site / (entry.audio if kind == "audio" else entry.sidecars["opus"])
    done = subprocess.run([tool("ffmpeg"), "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true",
                           "-f", "null", "-"], capture_output=True, text=True, check=True)
    summary = done.stderr[done.stderr.rindex("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    assert -17.0 <= lufs <= -15.0 and peak <= -1.0, summary


def test_guids_survive_a_rebuild_from_scratch(audience_site, highlights, tmp_path):
    fresh = tmp_path / "fresh"
    done = audience_site.build(fresh)
    assert done.returncode == 0, done.stderr
    rebuilt = load_catalog(fresh)
    assert {n: e.guid for n, e in rebuilt.feeds["highlights"].items()} == {n: e.guid for n, e in highlights.items()}
    guid = re.compile(rb"<podcast:guid>([^<]+)</podcast:guid>")
    assert guid.search((fresh / "feeds" / "highlights.xml").read_bytes())[1] == \
        guid.search((audience_site.site / "feeds" / "highlights.xml").read_bytes())[1]


def test_every_page_offers_each_feed_to_browsers_and_apps(audience_site):
    """A <link rel="alternate"> per feed, titled, in every page's head: as Chromium reads them from `podcast serve`,
    each URL is the feed of that title, so a browser or app given the show page's URL finds them all."""
    feeds = {audience_site.show.title: "feed.xml", "Alignment Newsletter Podcast (Highlights)": "feeds/highlights.xml"}
    with serving(audience_site.site) as url, chromium() as browser:
        page = browser.new_page()
        for path in ["", "episodes/098/", "episodes/099/"]:
            page.goto(url + path)
            links = page.evaluate("""() => [...document.querySelectorAll('link[rel="alternate"]')]
                                         .map(l => [l.type, l.title, l.href])""")
            assert links == [["application/rss+xml", title, url + feed] for title, feed in feeds.items()], path
        for title, feed in feeds.items():
            channel = ET.fromstring(httpx.get(url + feed, timeout=10).content).find("channel")
            assert channel.findtext("title") == title


def test_html_validate_passes_on_every_page_with_the_feed_links(audience_site, tmp_path):
    pages = sorted(audience_site.site.rglob("*.html"))
    assert 'href="feeds/highlights.xml"' in (audience_site.site / "index.html").read_text(encoding="utf-8")
    report = tmp_path / "report.json"
    done, problems = html_validate(pages, report)
    assert done.returncode == 0 and not problems, "\n".join(problems) or done.stderr


@pytest.fixture
def show_copy(audience_site, tmp_path) -> Path:
    """This test's own copy of the show folder, with its built site and caches."""
    copy = tmp_path / "show"
    shutil.copytree(audience_site.root, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


def build_both(root: Path) -> subprocess.CompletedProcess:
    done = run_podcast("build", "episodes/098", "episodes/099", "--site", "public", "--cache", "cache", cwd=root)
    assert done.returncode == 0, done.stderr
    return done


def test_an_issue_that_loses_its_highlight_keeps_its_episode_and_is_then_up_to_date(show_copy):
    kept = load_catalog(show_copy / "public").feeds["highlights"][99]
    (show_copy / "episodes" / "099" / "issue.txt").write_text(no_highlight(), encoding="utf-8")
    edited = build_both(show_copy)
    assert "built episode 99" in edited.stdout, edited.stdout
    warnings = [line for line in edited.stderr.splitlines() if "stays as published" in line]
    assert len(warnings) == 1 and "episode 99" in warnings[0] and "feeds/highlights.xml" in warnings[0], edited.stderr
    after = load_catalog(show_copy / "public").feeds["highlights"]
    assert sorted(after) == [99] and (after[99].guid, after[99].audio) == (kept.guid, kept.audio)
    assert (show_copy / "public" / kept.audio).is_file()
    again = build_both(show_copy)
    assert "episode 99 is up to date" in again.stdout and "built" not in again.stdout, again.stdout


def test_a_feed_removed_from_the_settings_keeps_what_it_published_and_the_site_is_then_up_to_date(show_copy):
    toml = show_copy / "podcast.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(FEEDS, ""), encoding="utf-8")
    published = load_catalog(show_copy / "public").feeds["highlights"]
    build_both(show_copy)  # the settings changed: every episode is built again
    assert load_catalog(show_copy / "public").feeds["highlights"] == published
    again = build_both(show_copy)
    assert "episode 98 is up to date" in again.stdout and "episode 99 is up to date" in again.stdout, again.stdout
