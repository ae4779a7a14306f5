"""The Ogg Opus alternate enclosure of a real build, checked with independent tools: Debian's ffmpeg and ffprobe
decode it and read its chapters, opus-tools' opusinfo checks the stream, the npm parsers podcast-partytime and
feedsmith read its podcast:alternateEnclosure; and an analytics prefix rewrites every media URL, GUIDs kept."""
import base64
import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from podcast.publishing import load_catalog
from podcast.publishing.feed import build_feed

from tests.support.show import REPO

pytestmark = pytest.mark.slow


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed (scripts/system-packages installs it)"
    return path


@pytest.fixture(scope="module")
def entry(published):
    return load_catalog(published.site).episodes[99]


@pytest.fixture(scope="module")
def opus(published, entry):
    return published.site / entry.sidecars["opus"]


def ffprobe(path, *entries) -> dict:
    done = subprocess.run([tool("ffprobe"), "-v", "error", "-of", "json", *entries, str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_opusinfo_passes_the_stream(opus):
    done = subprocess.run([tool("opusinfo"), str(opus)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = done.stdout + done.stderr
    assert "WARNING" not in report and "ERROR" not in report, report
    assert "Channels: 1" in report and "Pre-skip:" in report
    kbps = float(re.search(r"Average bitrate: ([\d.]+) kbit/s", report).group(1))
    assert 20 <= kbps <= 34, "speech at 24-32 kbps"


def test_duration_within_50_ms_of_the_mp3_and_a_third_of_its_size(published, entry, opus):
    mp3 = published.site / entry.audio
    durations = [float(ffprobe(p, "-show_entries", "format=duration")["format"]["duration"]) for p in (mp3, opus)]
    assert abs(durations[0] - durations[1]) <= 0.050, durations
    decoded = subprocess.run([tool("ffmpeg"), "-v", "error", "-i", str(opus), "-f", "f32le", "-ac", "1", "-ar", "48000",
                              "-"], capture_output=True, check=True).stdout
    assert abs(len(decoded) / 4 / 48000 - durations[0]) <= 0.050
    assert opus.stat().st_size < 0.45 * mp3.stat().st_size


def test_loudness_and_true_peak_of_the_decoded_file(opus):
    done = subprocess.run([tool("ffmpeg"), "-hide_banner", "-nostats", "-i", str(opus), "-af", "ebur128=peak=true",
                           "-f", "null", "-"], capture_output=True, text=True, check=True)
    summary = done.stderr[done.stderr.rindex("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    assert -17.0 <= lufs <= -15.0 and peak <= -1.0, summary


def test_chapters_inside_the_ogg_in_time_order_at_the_mp3s_times(published, entry, opus):
    chapters = ffprobe(opus, "-show_chapters")["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [c.title for c in entry.chapters]
    starts = [float(c["start_time"]) for c in chapters]
    assert starts == sorted(starts)
    assert all(abs(a - c.start_s) <= 0.011 for a, c in zip(starts, entry.chapters)), (starts, entry.chapters)


def test_npm_parsers_read_the_alternate_enclosure(published, entry, opus):
    done = subprocess.run([tool("node"), str(REPO / "tests" / "clients" / "feeds.mjs"), str(published.site / "feed.xml")],
                          capture_output=True, text=True, cwd=REPO / "tests")
    assert done.returncode == 0, done.stderr
    sri = "sha384-" + base64.b64encode(hashlib.sha384(opus.read_bytes()).digest()).decode()
    for client, feed in json.loads(done.stdout).items():
        [episode] = feed["episodes"]
        assert episode["enclosure"]["type"] == "audio/mpeg", client
        mp3, alternate = episode["alternates"]
        assert mp3["default"] is True and mp3["sources"] == [episode["enclosure"]["url"]], client
        assert alternate["type"] == "audio/ogg; codecs=opus" and alternate["default"] is False, client
        assert int(alternate["length"]) == opus.stat().st_size, client
        assert alternate["sources"] == [published.show.base_url + entry.sidecars["opus"]], client
        assert alternate["integrity"] == {"type": "sri", "value": sri}, client
        assert 20_000 <= int(alternate["bitrate"]) <= 34_000, client


@pytest.mark.parametrize("base_url, prefix, expected", [
    ("https://alignment-newsletter.example/podcast/", "https://op3.dev/e/",
     "https://op3.dev/e/alignment-newsletter.example/podcast/"),
    ("http://alignment-newsletter.example/podcast/", "https://op3.dev/e/",
     "https://op3.dev/e/http://alignment-newsletter.example/podcast/"),
    ("https://alignment-newsletter.example/podcast/", "https://op3.dev/e,pg={podcast_guid}/",
     "https://op3.dev/e,pg={guid}/alignment-newsletter.example/podcast/"),
    ("https://alignment-newsletter.example/podcast/", "https://dts.podtrac.com/redirect.mp3/",
     "https://dts.podtrac.com/redirect.mp3/alignment-newsletter.example/podcast/"),
])
def test_prefix_rewrites_every_enclosure_and_keeps_the_guids(published, base_url, prefix, expected):
    import feedparser

    from podcast.publishing.catalog import podcast_guid

    show = replace(published.show, base_url=base_url)
    catalog = load_catalog(published.site)
    plain = feedparser.parse(build_feed(show, catalog, base_url + "artwork.png"))
    prefixed_feed = build_feed(replace(show, stats_prefix=prefix), catalog, base_url + "artwork.png")
    feed = feedparser.parse(prefixed_feed)
    start = expected.replace("{guid}", podcast_guid(show.feed_url))
    [item] = feed.entries
    assert [e.guid for e in feed.entries] == [e.guid for e in plain.entries]
    urls = [link.href for link in item.links if link.rel == "enclosure"]
    urls += re.findall(rb'<podcast:source uri="([^"]+)"', prefixed_feed)
    assert len(urls) == 3 and all((u if isinstance(u, str) else u.decode()).startswith(start) for u in urls), urls
    assert all((u if isinstance(u, str) else u.decode()).removeprefix(start).startswith("episodes/099/") for u in urls)
