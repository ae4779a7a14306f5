"""End to end: a real AN #99 excerpt through the real voice, read back with mutagen and feedparser."""
from pathlib import Path

import feedparser
import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from tests.support.audio import decode, review_wave_levels, rms_bars
from tests.support.files import private_copy, snapshot
from tests.support.show import an99_excerpt, copy_show, make_episode, run_podcast


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One real build of a short excerpt of AN #99 into a fresh site."""
    root = copy_show(tmp_path_factory.mktemp("show"))
    episode = make_episode(root / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    site, cache = root / "public", root / "cache"
    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    return root, site, cache


def test_mp3_has_ordered_chapters_inside_the_duration(built):
    _, site, _ = built
    [mp3] = site.glob("episodes/099/*.mp3")
    audio = MP3(mp3)
    assert audio.info.sample_rate == 44100 and audio.info.channels == 1 and audio.info.bitrate == 64000
    length_ms = audio.info.length * 1000
    tags = ID3(mp3)
    [toc] = tags.getall("CTOC")
    chapters = {c.element_id: c for c in tags.getall("CHAP")}
    ordered = [chapters[i] for i in toc.child_element_ids]
    titles = [str(c.sub_frames["TIT2"]) for c in ordered]
    assert titles == ["Opening: Excerpt", "AI and Efficiency", "BERI seeking new university collaborators", "Closing"]
    starts = [c.start_time for c in ordered]
    assert starts[0] == 0 and starts == sorted(starts)
    assert all(a.end_time == b.start_time for a, b in zip(ordered, ordered[1:]))
    assert abs(ordered[-1].end_time - length_ms) <= 1
    assert str(tags["TCON"]) == "Podcast" and str(tags["TRCK"]) == "99"


def test_chapters_start_where_their_speech_starts(built):
    """Each chapter starts in a pause and its speech begins within 50 ms plus the voice's own lead-in."""
    _, site, _ = built
    [mp3] = site.glob("episodes/099/*.mp3")
    samples = decode(mp3)
    rate = 44100
    chapters = sorted(ID3(mp3).getall("CHAP"), key=lambda c: c.start_time)
    assert len(chapters) == 4
    for chap in chapters[1:]:
        start = round(chap.start_time / 1000 * rate)
        before = samples[start - round(0.5 * rate): start - round(0.05 * rate)]
        assert np.sqrt(np.mean(before ** 2)) < 1e-3, "a chapter must start in a pause"
        after = np.abs(samples[start: start + rate])
        onset_s = np.argmax(after > 0.02) / rate
        assert 0 <= onset_s < 0.35, f"speech of {chap.element_id} starts {onset_s:.3f} s after the chapter"


def test_review_waveform_is_the_sounds_rms_envelope(built):
    """The review page draws the RMS of each of its 1200 stretches of the episode as ffmpeg decodes the MP3 (not
    the stretches' peaks, which the limiter holds level: flat blocks); mastering measured it, nothing decoded."""
    _, site, _ = built
    [mp3] = site.glob("episodes/099/*.mp3")
    drawn = review_wave_levels(site / "episodes" / "099" / "review.html")
    heard = rms_bars(decode(mp3), 1200)
    assert len(drawn) == 1200 and drawn.max() == pytest.approx(1, abs=0.01)
    assert np.corrcoef(drawn, heard)[0, 1] > 0.95 and np.abs(drawn - heard).mean() < 0.06
    assert np.percentile(drawn, 90) - np.percentile(drawn, 10) > 0.4  # pauses low, emphasis high


def test_feed_lists_the_episode_with_its_exact_length(built):
    _, site, _ = built
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert feed.feed.title == "Alignment Newsletter Podcast"
    [entry] = feed.entries
    [enclosure] = entry.enclosures
    [mp3] = site.glob("episodes/099/*.mp3")
    assert enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == mp3.stat().st_size
    assert enclosure.href == "https://alignment-newsletter.example/podcast/" + str(mp3.relative_to(site))
    assert entry.itunes_episode == "99"
    assert "AI and Efficiency" in entry.description


@pytest.mark.slow
def test_second_episode_keeps_the_first_and_its_guid(built, tmp_path):
    root = private_copy(built[0], tmp_path / "show")
    site, cache = root / "public", root / "cache"
    first = feedparser.parse((site / "feed.xml").read_bytes()).entries[0].id
    text = an99_excerpt().replace("AI and Efficiency", "AI and Efficiency Again")
    episode = make_episode(root / "episodes" / "100", 100, text, "AN #100: Another", date="2020-05-20")
    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    entries = feedparser.parse((site / "feed.xml").read_bytes()).entries
    assert [e.itunes_episode for e in entries] == ["100", "99"]
    assert entries[1].id == first
    for entry in entries:
        path = site / entry.enclosures[0].href.removeprefix("https://alignment-newsletter.example/podcast/")
        assert path.stat().st_size == int(entry.enclosures[0].length)


@pytest.mark.parametrize("content", ["", "No items here. Just words."])
def test_bad_issue_changes_nothing_in_the_site(built, tmp_path, content):
    root = private_copy(built[0], tmp_path / "show")
    site, cache = root / "public", root / "cache"
    before = snapshot(site)
    episode = make_episode(root / "episodes" / "bad", 101, content)
    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(episode / "issue.txt") in lines[0] and "Traceback" not in done.stderr
    assert snapshot(site) == before


def test_missing_issue_file_is_one_line(tmp_path):
    (tmp_path / "podcast.toml").write_text(Path(__file__).parents[2].joinpath("podcast.toml").read_text())
    folder = tmp_path / "episodes" / "007"
    folder.mkdir(parents=True)
    (folder / "episode.toml").write_text('number = 7\ntitle = "x"\ndate = 2020-01-01\n')
    done = run_podcast("build", str(folder), "--site", str(tmp_path / "site"))
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "no issue file found" in done.stderr
