"""The built episode checked by the tools podcast apps and players are built on, run as they are: Debian's
ffprobe and ffmpeg (chapters as mpv and remuxers see them) and mp3val; the npm feed parsers podcast-partytime
and feedsmith (tests/clients/feeds.mjs prints what each sees); html-validate's recommended rules on every page
of the site. scripts/system-packages and scripts/node-packages install them."""
import json
import shutil
import subprocess

import pytest
from mutagen.id3 import ID3

from podcast.publishing import load_catalog

from tests.support.clients import CLIENTS, html_validate
from tests.support.show import REPO

pytestmark = pytest.mark.slow  # the published site is a real build



def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed: scripts/system-packages installs it"
    return path



@pytest.fixture(scope="module")
def entry(published):
    [entry] = load_catalog(published.site).episodes.values()
    return entry


def ffprobe_chapters(path) -> list[dict]:
    done = subprocess.run([tool("ffprobe"), "-v", "error", "-show_chapters", "-of", "json", str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["chapters"]


def test_ffprobe_lists_the_chapters_in_order_at_their_times(published, entry, tmp_path):
    mp3 = published.site / entry.audio
    chapters = ffprobe_chapters(mp3)
    assert [c["tags"]["title"] for c in chapters] == [c.title for c in entry.chapters]
    for probed, ours in zip(chapters, entry.chapters):
        assert abs(float(probed["start_time"]) - ours.start_s) <= 0.001, (probed, ours)
    assert all(float(a["end_time"]) == pytest.approx(float(b["start_time"]), abs=0.001)
               for a, b in zip(chapters, chapters[1:]))
    tags = ID3(mp3)
    [toc] = tags.getall("CTOC")
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    assert [str(chaps[i].sub_frames["TIT2"]) for i in toc.child_element_ids] == [c.title for c in entry.chapters], \
        "mutagen's CTOC order and ffprobe's file order agree"
    remuxed = tmp_path / "episode.mka"
    subprocess.run([tool("ffmpeg"), "-v", "error", "-i", str(mp3), "-c", "copy", str(remuxed)], check=True)
    assert [c["tags"]["title"] for c in ffprobe_chapters(remuxed)] == [c.title for c in entry.chapters]


def test_mp3val_finds_no_problem(published, entry):
    done = subprocess.run([tool("mp3val"), str(published.site / entry.audio)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("INFO:") and "MPEG 1 Layer III" in line for line in lines), done.stdout
    assert not [line for line in lines if line.startswith(("WARNING", "PROBLEM", "ERROR"))], done.stdout


@pytest.fixture(scope="module")
def parsed(published) -> dict:
    done = subprocess.run([tool("node"), str(CLIENTS / "feeds.mjs"), str(published.site / "feed.xml")],
                          capture_output=True, text=True, cwd=REPO / "tests")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("client", ["partytime", "feedsmith"])
def test_npm_feed_parsers_see_each_tag_once(published, entry, parsed, client):
    feed = parsed[client]
    assert feed["locked"] in (True, {"value": True, "owner": published.show.owner_email})
    [episode] = feed["episodes"]
    assert episode["guid"] == entry.guid
    assert episode["enclosure"]["url"] == published.show.base_url + entry.audio
    assert int(episode["enclosure"]["length"]) == (published.site / entry.audio).stat().st_size
    assert episode["chapters"] == [published.show.base_url + entry.sidecars["chapters"]]
    transcripts = {t["url"] for t in episode["transcripts"]}
    assert len(episode["transcripts"]) == 3
    assert transcripts == {published.show.base_url + entry.sidecars[k] for k in ("vtt", "srt", "transcript")}
    persons = [(p["name"], p["role"].lower(), p["group"].lower()) for p in episode["persons"]]
    assert persons == [("Flo Dorner", "writer", "writing"), ("Rohin Shah", "writer", "writing")], \
        "each person once, by full name; no narrator: TTS alone reads it"


def test_html_validate_recommended_rules_pass_on_every_page(published, tmp_path):
    pages = sorted(published.site.rglob("*.html"))
    names = {p.relative_to(published.site).as_posix() for p in pages}
    assert {"index.html", "episodes/099/index.html", "episodes/099/review.html"} <= names
    report = tmp_path / "report.json"
    done, problems = html_validate(pages, report)
    assert done.returncode == 0 and not problems, "\n".join(problems) or done.stderr
