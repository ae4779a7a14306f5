"""`podcast stats` on an access log written here, with every count worked out by hand below (IAB v2.x rules:
one download per episode, IP and user agent within 24 hours, once its bytes hold a minute of audio)."""
import csv
import gzip
import io
import json

import pytest

from tests.support.show import REPO, run_podcast

MP3_99 = "/podcast/episodes/099/alignment-newsletter-099-episode-852a2101db.mp3"
OPUS_99 = "/podcast/episodes/099/alignment-newsletter-099-episode-e1583673b6.opus"
MP3_98 = "/podcast/episodes/098/alignment-newsletter-098-episode-0123456789.mp3"
OVERCAST = "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)"
APPLE = "AppleCoreMedia/1.0.0.20G75 (iPhone; U; CPU OS 16_6 like Mac OS X; en_us)"
ADDICT = "PodcastAddict/v5 (+https://podcastaddict.com/; Android podcast app) ExoPlayerLib/2.18.1"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
# podcast.toml: MP3 at 64 kbps = 480,000 bytes a minute, Opus at 24 kbps = 180,000 bytes a minute (no site given,
# so the show's bitrates are used).


def line(ip, day, hms, method, path, status, size, agent):
    return (f'{ip} - - [{day:02d}/May/2020:{hms} +0000] "{method} {path} HTTP/1.1" {status} {size} '
            f'"-" "{agent}"\n')


LOG = "".join([
    # 1. Overcast at A: a whole MP3 -> download; the same again 2 h later is the same download; 25 h after the
    #    first it is a new one (600,000 bytes > a minute). Overcast: 2 downloads of 99.
    line("198.51.100.1", 13, "10:00:00", "GET", MP3_99, 200, 10_000_000, OVERCAST),
    line("198.51.100.1", 13, "12:00:00", "GET", MP3_99, 200, 10_000_000, OVERCAST),
    line("198.51.100.1", 14, "11:00:00", "GET", MP3_99, 206, 600_000, OVERCAST),
    # 2. Apple Podcasts at B: three ranges, 200,000 + 200,000 + 100,000 = 500,000 >= 480,000: 1 download.
    line("198.51.100.2", 13, "10:01:00", "GET", MP3_99, 206, 200_000, APPLE),
    line("198.51.100.2", 13, "10:02:00", "GET", MP3_99, 206, 200_000, APPLE),
    line("198.51.100.2", 13, "10:03:00", "GET", MP3_99, 206, 100_000, APPLE),
    # 3. AntennaPod at C: a 2-byte probe and 300,000 bytes: under a minute, no download.
    line("198.51.100.3", 13, "10:00:00", "GET", MP3_99, 206, 2, "AntennaPod/3.2.0"),
    line("198.51.100.3", 13, "10:00:01", "GET", MP3_99, 206, 300_000, "AntennaPod/3.2.0"),
    # 4. Podcast Addict at D: 100,000 bytes of Opus (33.3 s) + 240,000 of MP3 (30 s): one episode, 63.3 s: 1.
    line("198.51.100.4", 13, "10:05:00", "GET", OPUS_99, 206, 100_000, ADDICT),
    line("198.51.100.4", 13, "10:06:00", "GET", MP3_99, 206, 240_000, ADDICT),
    # 5. Players crawlerdetect alone calls bots: VLC and Lavf, each a whole file of 98: 1 each.
    line("198.51.100.5", 13, "11:00:00", "GET", MP3_98, 200, 5_000_000, "VLC/3.0.16 LibVLC/3.0.16"),
    line("198.51.100.6", 13, "11:00:00", "GET", MP3_98, 200, 1_000_000, "Lavf/58.76.100"),
    # 6. A browser: 1 download of 99 ("other").
    line("198.51.100.10", 13, "15:00:00", "GET", MP3_99 + "?download=1", 200, 10_000_000, CHROME),
    # 7. Bots: 3 requests, no downloads.
    line("66.249.66.1", 13, "10:00:00", "GET", MP3_99, 200, 10_000_000, "Googlebot/2.1 (+http://www.google.com/bot.html)"),
    line("40.77.167.1", 13, "10:00:00", "GET", MP3_98, 200, 5_000_000,
         "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"),
    line("192.0.2.50", 13, "10:00:00", "GET", MP3_99, 200, 10_000_000, "curl/8.0"),
    # 8. Not downloads: a HEAD, a 404, a 503; and the feed, which is not media.
    line("198.51.100.7", 13, "10:00:00", "HEAD", MP3_99, 200, 0, OVERCAST),
    line("198.51.100.8", 13, "10:00:00", "GET", MP3_99.replace("852a2101db", "deadbeef00"), 404, 150, "Pocket Casts"),
    line("198.51.100.9", 13, "10:00:00", "GET", MP3_98, 503, 0, "Pocket Casts"),
    line("198.51.100.1", 13, "09:59:00", "GET", "/podcast/feed.xml", 200, 40_000, OVERCAST),
    # 9. Two malformed lines.
    "this is not a log line\n",
    '198.51.100.9 - - [13/May/2020:10:00:00 +0000] "GET /podcast/\n',
])
ROTATED = "".join([
    # In the gzip file: Overcast at A 23 h after its first request (inside that window: nothing new), and Pocket
    # Casts at I with exactly a minute of 98's MP3: 1 download.
    line("198.51.100.1", 14, "09:00:00", "GET", MP3_99, 206, 900_000, OVERCAST),
    line("198.51.100.11", 13, "20:00:00", "GET", MP3_98, 206, 480_000, "Pocket Casts"),
])
EXPECTED = {
    99: {"Overcast": 2, "Apple Podcasts": 1, "PodcastAddict": 1, "other": 1},
    98: {"VLC media player": 1, "other player": 1, "Pocket Casts": 1},
}


def write_logs(tmp_path):
    plain, rotated = tmp_path / "access.log", tmp_path / "access.log.2.gz"
    plain.write_text(LOG, encoding="utf-8")
    rotated.write_bytes(gzip.compress(ROTATED.encode("utf-8")))
    return plain, rotated


def stats(tmp_path, *args, logs=None, site=None):
    logs = logs or write_logs(tmp_path)
    done = run_podcast("--show", str(REPO / "podcast.toml"), "stats", "--log", *map(str, logs),
                       "--site", str(site or tmp_path / "no-site"), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_counts_are_the_hand_worked_ones(tmp_path):
    data = json.loads(stats(tmp_path, "--format", "json"))
    assert {e["number"]: e["apps"] for e in data["episodes"]} == EXPECTED
    assert {e["number"]: e["downloads"] for e in data["episodes"]} == {99: 5, 98: 3}
    assert data["downloads"] == 8
    assert data["bot_requests"] == 3
    assert data["not_downloads"] == {"HEAD": 1, "status 404": 1, "status 503": 1}
    assert data["under_a_minute"] == 1
    assert data["malformed_lines"] == 2 and data["malformed"] == [f"{tmp_path / 'access.log'}:21",
                                                                  f"{tmp_path / 'access.log'}:22"]
    assert data["lines"] == 24


def test_table_and_csv_say_the_same(tmp_path):
    table = stats(tmp_path)
    assert "total" in table and "malformed lines 2" in table
    assert any(row.startswith("99") and " 5 " in row and "Overcast 2" in row for row in table.splitlines())
    rows = list(csv.DictReader(io.StringIO(stats(tmp_path, "--format", "csv"))))
    assert {(int(r["episode"]), r["app"]): int(r["downloads"]) for r in rows} == {
        (n, app): c for n, apps in EXPECTED.items() for app, c in apps.items()}


def test_a_missing_log_is_one_line(tmp_path):
    done = run_podcast("--show", str(REPO / "podcast.toml"), "stats", "--log", str(tmp_path / "nope.log"))
    assert done.returncode == 1 and done.stderr.strip().count("\n") == 0 and "nope.log" in done.stderr


def test_the_audio_is_told_by_the_name_publishing_gives_it():
    """media_names builds the name publishing gives a file and reads it back from a logged path."""
    from podcast.media_names import audio_of, media_name

    assert "/podcast/" + media_name(99, "episode", "852a2101db", ".mp3") == MP3_99
    assert audio_of(MP3_99) == (99, "mp3", None) and audio_of(OPUS_99) == (99, "opus", None)
    assert "/podcast/" + media_name(99, "highlights-episode", "b327a8566e", ".mp3") == HIGHLIGHTS_MP3_99
    assert audio_of(HIGHLIGHTS_MP3_99) == (99, "mp3", "highlights")
    assert audio_of(HIGHLIGHTS_OPUS_99) == (99, "opus", "highlights")
    assert audio_of(MP3_99.replace("-episode-", "-best-episode-episode-")) == (99, "mp3", "best-episode")
    assert audio_of("/podcast/" + media_name(99, "chapters", "0123456789", ".json")) is None
    assert audio_of("/podcast/" + media_name(99, "highlights-chapters", "0123456789", ".json")) is None
    assert audio_of("/podcast/episodes/099/index.html") is None


def test_a_feed_per_audience_names_its_audio_as_stats_reads_it(tmp_path):
    from podcast.media_names import audio_of
    from podcast.publishing.site import published_path

    source = tmp_path / "episode.opus"
    source.write_bytes(b"OggS a joined selection")
    assert audio_of("/podcast/" + published_path(99, source, "highlights")) == (99, "opus", "highlights")
    assert audio_of("/podcast/" + published_path(99, source)) == (99, "opus", None)


HIGHLIGHTS_MP3_99 = "/podcast/episodes/099/alignment-newsletter-099-highlights-episode-b327a8566e.mp3"
HIGHLIGHTS_OPUS_99 = "/podcast/episodes/099/alignment-newsletter-099-highlights-episode-ff9ce171bb.opus"
AUDIENCE_LOG = "".join([
    # 1. Overcast at A: the full MP3 whole, then the highlights MP3 whole: another episode (of another podcast,
    #    feeds/highlights.xml), so a download of each.
    line("198.51.100.1", 13, "10:00:00", "GET", MP3_99, 200, 10_000_000, OVERCAST),
    line("198.51.100.1", 13, "10:10:00", "GET", HIGHLIGHTS_MP3_99, 200, 8_000_000, OVERCAST),
    # 2. Pocket Casts at B: 100,000 bytes of the highlights Opus (33.3 s) + 240,000 of its MP3 (30 s): one episode,
    #    63.3 s: 1 highlights download.
    line("198.51.100.2", 13, "10:00:00", "GET", HIGHLIGHTS_OPUS_99, 206, 100_000, "Pocket Casts"),
    line("198.51.100.2", 13, "10:01:00", "GET", HIGHLIGHTS_MP3_99, 206, 240_000, "Pocket Casts"),
    # 3. AntennaPod at C: 300,000 bytes of each (37.5 s apiece): two episodes, neither reaches a minute.
    line("198.51.100.3", 13, "10:00:00", "GET", HIGHLIGHTS_MP3_99, 206, 300_000, "AntennaPod/3.2.0"),
    line("198.51.100.3", 13, "10:01:00", "GET", MP3_99, 206, 300_000, "AntennaPod/3.2.0"),
    # 4. A bot on the highlights: no download.
    line("66.249.66.1", 13, "10:00:00", "GET", HIGHLIGHTS_MP3_99, 200, 8_000_000,
         "Googlebot/2.1 (+http://www.google.com/bot.html)"),
])


def test_a_feed_per_audience_is_counted_apart_under_its_issue(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(AUDIENCE_LOG, encoding="utf-8")
    data = json.loads(stats(tmp_path, "--format", "json", logs=[log]))
    assert [(e["number"], e["feed"], e["downloads"], e["apps"]) for e in data["episodes"]] == [
        (99, None, 1, {"Overcast": 1}), (99, "highlights", 2, {"Overcast": 1, "Pocket Casts": 1})]
    assert data["downloads"] == 3 and data["by_feed"] == {"feed.xml": 1, "feeds/highlights.xml": 2}
    assert data["under_a_minute"] == 2 and data["bot_requests"] == 1
    table = stats(tmp_path, logs=[log]).splitlines()
    assert table[1].split() == ["99", "1", "Overcast", "1"]
    assert table[2].split() == ["99", "(highlights)", "2", "Overcast", "1,", "Pocket", "Casts", "1"]
    assert [row.split() for row in table[3:6]] == [["total", "3"], ["feed.xml", "1"], ["feeds/highlights.xml", "2"]]
    rows = list(csv.DictReader(io.StringIO(stats(tmp_path, "--format", "csv", logs=[log]))))
    assert {(r["episode"], r["feed"], r["app"], r["downloads"]) for r in rows} == {
        ("99", "", "Overcast", "1"), ("99", "highlights", "Overcast", "1"), ("99", "highlights", "Pocket Casts", "1")}


@pytest.mark.slow  # the audience site: two real episodes voiced and mastered
def test_a_feed_per_audience_is_counted_by_its_catalog_entry(audience_site, tmp_path):
    """With the site, the highlights episode's title and its own bytes per second come from catalog.json's
    feeds: 490,000 bytes of its MP3 are a minute at the show's 64 kbps, not at the file's real rate."""
    from podcast.publishing import load_catalog

    catalog = load_catalog(audience_site.site)
    highlights, full = catalog.feeds["highlights"][99], catalog.episodes[99]
    assert 480_000 <= 490_000 < 60 * highlights.audio_bytes / highlights.duration_s
    log = tmp_path / "access.log"
    log.write_text("".join([
        line("198.51.100.1", 13, "10:00:00", "GET", "/podcast/" + highlights.audio, 200, highlights.audio_bytes,
             OVERCAST),
        line("198.51.100.2", 13, "10:00:00", "GET", "/podcast/" + highlights.audio, 206, 490_000, APPLE),
        line("198.51.100.3", 13, "10:00:00", "GET", "/podcast/" + full.audio, 200, full.audio_bytes, APPLE),
    ]), encoding="utf-8")
    data = json.loads(stats(tmp_path, "--format", "json", logs=[log], site=audience_site.site))
    assert [(e["number"], e["feed"], e["title"], e["apps"]) for e in data["episodes"]] == [
        (99, None, full.title, {"Apple Podcasts": 1}), (99, "highlights", highlights.title, {"Overcast": 1})]
    assert data["under_a_minute"] == 1
