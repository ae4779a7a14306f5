"""The published feed read back as podcast apps read it: podcastparser (gPodder) and feedparser, plus lxml
for the tags neither parser reports (test_ecosystem_clients.py reads it with the npm parsers apps are built on)."""
import io
from dataclasses import replace
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree
from mutagen.mp3 import MP3

from podcast.publishing.catalog import Catalog, ChapterEntry, EpisodeEntry, ItemEntry, episode_guid, podcast_guid
from podcast.publishing.feed import build_feed
from podcast.publishing.feed_extensions import ITUNES_NS, PODCAST_NS, PSC_NS

from tests.support.published_site import EPISODE_TITLE, ITEM_TITLE

pytestmark = pytest.mark.slow

PODCAST_NS_GITHUB = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
"""The spec's older address of its namespace, the only one podcastparser knows; the feed no longer uses it."""
NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "psc": PSC_NS,
      "atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/"}


@pytest.fixture(scope="module")
def feed_bytes(published) -> bytes:
    return (published.site / "feed.xml").read_bytes()


@pytest.fixture(scope="module")
def gpodder(published, feed_bytes) -> dict:
    return podcastparser.parse(published.show.feed_url, io.BytesIO(feed_bytes))


@pytest.fixture(scope="module")
def fp(feed_bytes):
    parsed = feedparser.parse(feed_bytes)
    assert parsed.bozo == 0, parsed.bozo_exception
    return parsed


def test_podcastparser_reads_episode_enclosure_duration_and_chapters(published, gpodder):
    [episode] = gpodder["episodes"]
    assert episode["title"] == EPISODE_TITLE
    [enclosure] = episode["enclosures"]
    mp3 = published.local(enclosure["url"])
    assert enclosure["file_size"] == mp3.stat().st_size and enclosure["mime_type"] == "audio/mpeg"
    assert abs(episode["total_time"] - MP3(mp3).info.length) <= 1
    titles = [c["title"] for c in episode["chapters"]]
    assert titles == ["Opening: " + EPISODE_TITLE.removeprefix("AN #99: "), ITEM_TITLE,
                      "BERI seeking new university collaborators", "Closing"]
    starts = [c["start"] for c in episode["chapters"]]
    assert starts[0] == 0 and starts == sorted(starts) and starts[-1] < episode["total_time"]
    assert episode["number"] == 99 and episode["explicit"] is False


def test_podcastparser_loses_the_podcast_namespace_values_as_the_readme_says(gpodder):
    """podcastparser knows the namespace only by its GitHub address; the feed uses the spec's URL alone (the spec
    makes both one namespace, so writing both made other clients see every tag twice). gPodder users keep the
    enclosure, psc chapters and show notes, and lose locked, JSON chapters, transcripts and persons."""
    [episode] = gpodder["episodes"]
    assert not gpodder.get("import_prohibited")
    assert not episode.get("transcript_url") and not episode.get("chapters_json_url")
    assert not episode.get("persons")
    assert episode["chapters"], "the psc chapters are still read"


def test_podcastparser_gets_html_show_notes_with_chapter_times(gpodder):
    [episode] = gpodder["episodes"]
    notes = episode["description_html"]
    assert "<script>" not in notes and "&lt;script&gt;window.pwned=2&lt;/script&gt; &amp; Efficiency 🤖" in notes
    assert "00:00:00 Opening" in notes and "/episodes/099/" in notes


def test_feedparser_reads_episode_enclosure_duration_and_psc_chapters(published, fp):
    assert fp.feed.title == "Alignment Newsletter Podcast" and fp.feed.podcast_guid == podcast_guid(published.show.feed_url)
    [entry] = fp.entries
    assert entry.title == EPISODE_TITLE and entry.id == episode_guid(published.show.feed_url, 99)
    [enclosure] = entry.enclosures
    mp3 = published.local(enclosure.href)
    assert int(enclosure.length) == mp3.stat().st_size
    assert abs(int(entry.itunes_duration) - MP3(mp3).info.length) <= 1
    chapters = entry.psc_chapters["chapters"]
    assert [c["title"] for c in chapters][1] == ITEM_TITLE
    assert chapters[0]["start_parsed"].total_seconds() == 0
    assert "<script>" not in entry.content[0].value


def test_feedparser_keeps_one_of_each_podcast_tag(published, fp):
    """feedparser keeps only the last of repeated podcast:* elements and no person names: documented here."""
    [entry] = fp.entries
    assert published.local(entry.podcast_transcript["url"]).suffix == ".vtt"
    assert entry.podcast_transcript["type"] == "text/vtt" and entry.podcast_transcript["rel"] == "captions"
    assert entry.podcast_chapters["type"] == "application/json+chapters"
    assert published.local(entry.podcast_chapters["url"]).exists()
    assert entry.podcast_person == {"group": "writing", "role": "writer"}


def test_one_podcast_namespace_and_each_tag_once(published, feed_bytes):
    assert PODCAST_NS_GITHUB.encode() not in feed_bytes
    root = etree.fromstring(feed_bytes)
    assert {ns for ns in root.nsmap.values()} >= {PODCAST_NS} and len(root.findall("channel/podcast:locked", NS)) == 1
    item = root.find("channel/item")
    transcripts = [(t.get("type"), t.get("url")) for t in item.findall("podcast:transcript", NS)]
    assert sorted(t for t, _ in transcripts) == ["application/json", "application/x-subrip", "text/vtt"]
    for _, url in transcripts:
        assert published.local(url).stat().st_size > 0
    assert len(item.findall("podcast:chapters", NS)) == 1
    persons = [(p.text, p.get("role"), p.get("group")) for p in item.findall("podcast:person", NS)]
    assert persons == [("Flo Dorner", "writer", "writing"), ("Rohin Shah", "writer", "writing")], \
        "each person once, by the full name podcast.toml's [people] gives; no narrator: no take is used"


def test_apple_required_and_recommended_tags(feed_bytes):
    channel = etree.fromstring(feed_bytes).find("channel")
    for path in ["title", "description", "language", "link", "copyright", "itunes:image", "itunes:category",
                 "itunes:explicit", "itunes:author", "itunes:owner/itunes:email", "itunes:type", "atom:link",
                 "podcast:guid", "podcast:locked"]:
        assert channel.find(path, NS) is not None, path
    assert channel.find("itunes:explicit", NS).text == "false"
    assert channel.find("itunes:image", NS).get("href").endswith("/artwork.png")
    item = channel.find("item")
    for path in ["title", "enclosure", "guid", "pubDate", "description", "content:encoded", "link",
                 "itunes:duration", "itunes:image", "itunes:explicit", "itunes:title", "itunes:episode",
                 "itunes:episodeType", "podcast:chapters", "podcast:episode", "psc:chapters"]:
        assert item.find(path, NS) is not None, path
    assert b"<content:encoded><![CDATA[" in feed_bytes


def test_podcast_guid_follows_the_spec():
    """The spec's own example: podnews.net/rss."""
    assert podcast_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("http://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def _entry(number: int, date: str, **changes) -> EpisodeEntry:
    entry = EpisodeEntry(number, episode_guid("https://x.example/feed.xml", number), f"AN #{number}", date, "d", None,
                         f"episodes/{number:03d}/a.mp3", 1000, 60.0, [ChapterEntry("Intro", None, 0.0)],
                         [ItemEntry("Paper", "https://p.example/?a=1&b=2", None, ["Flo"])])
    return replace(entry, **changes)


def test_explicit_show_writes_true_and_control_characters_are_dropped(published):
    show = replace(published.show, explicit=True)
    catalog = Catalog(Path("unused"), {1: _entry(1, "2020-01-01", title="bell\x07 & <i>")})
    channel = etree.fromstring(build_feed(show, catalog, show.base_url + "artwork.jpeg")).find("channel")
    assert channel.find("itunes:image", NS).get("href").endswith("/artwork.jpeg"), "feedgen would drop .jpeg"
    assert channel.find("item/itunes:image", NS).get("href").endswith("/artwork.jpeg")
    assert channel.find("itunes:explicit", NS).text == "true"
    assert channel.find("item/itunes:explicit", NS).text == "true"
    assert channel.find("item/title").text == "bell & <i>"


def test_feed_is_newest_first_and_the_same_catalog_gives_the_same_bytes(published):
    show = published.show
    catalog = Catalog(Path("unused"), {n: _entry(n, f"2020-01-{n:02d}") for n in (3, 1, 2)})
    first = build_feed(show, catalog, show.base_url + "artwork.png")
    assert first == build_feed(show, catalog, show.base_url + "artwork.png")
    parsed = podcastparser.parse(show.feed_url, io.BytesIO(first))
    assert [e["number"] for e in parsed["episodes"]] == [3, 2, 1]
    assert all(not e.get("transcript_url") and not e.get("chapters_json_url") for e in parsed["episodes"])
