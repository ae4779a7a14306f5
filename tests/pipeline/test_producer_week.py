"""The producer's week end to end: the email of AN #100 -> `podcast new` -> `podcast build` -> `podcast deploy`
to a real `rclone serve webdav` on loopback; then gPodder's podcastparser reads the feed from that server,
finds episode 100, and its enclosure downloads byte for byte as built."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import httpx
import podcastparser
import pytest

from tests.support.rclone_servers import PASSWORD, USER, environment, serve
from tests.support.emails import newsletter_email

pytestmark = pytest.mark.slow  # voices and masters the whole of AN #100 (a few minutes)


def podcast(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "podcast", *args], cwd=cwd, capture_output=True, text=True,
                          env=environment(), timeout=1800)


def test_an_email_of_an_100_reaches_a_podcast_client_through_the_deployed_site(show_dir: Path, tmp_path: Path):
    with serve("webdav", tmp_path / "host", tmp_path / "server") as server:
        show = show_dir / "podcast.toml"
        show.write_text(show.read_text(encoding="utf-8").replace(
            'base_url = "https://alignment-newsletter.example/podcast/"', f'base_url = "{server.url}"'), encoding="utf-8")
        assert server.url in show.read_text(encoding="utf-8")
        (tmp_path / "an-100.eml").write_bytes(newsletter_email("an-100.md"))

        done = podcast("new", str(tmp_path / "an-100.eml"), cwd=show_dir)
        assert done.returncode == 0 and done.stdout.strip() == "episodes/100", done.stderr
        done = podcast("build", "episodes/100", "--cache", str(tmp_path / "cache"), cwd=show_dir)
        assert done.returncode == 0, done.stderr
        done = podcast("deploy", server.dest, cwd=show_dir)
        assert done.returncode == 0 and PASSWORD not in done.stdout + done.stderr, done.stderr

        with httpx.Client(auth=(USER, PASSWORD), timeout=30) as client:
            feed = client.get(server.url + "feed.xml")
            assert feed.status_code == 200
            parsed = podcastparser.parse(server.url + "feed.xml", io.BytesIO(feed.content))
            [episode] = [e for e in parsed["episodes"] if e["title"].startswith("AN #100: What might go wrong")]
            [enclosure] = episode["enclosures"]
            assert enclosure["url"].startswith(server.url) and enclosure["mime_type"] == "audio/mpeg"
            audio = client.get(enclosure["url"])
            assert audio.status_code == 200
        built = show_dir / "public" / enclosure["url"].removeprefix(server.url)
        assert audio.content == built.read_bytes() and enclosure["file_size"] == len(audio.content)
