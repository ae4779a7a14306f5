"""One real site for the publishing tests: AN #99's excerpt built by the CLI with hostile text in its titles,
plus whichever sidecars mastering did not make yet, written from the episode's real chapter times and
published through publishing.publish. Import the `published` fixture from here."""
from __future__ import annotations

import json
from html import escape
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import webvtt

from podcast.config import Show, load_show
from podcast.publishing import load_catalog, publish, published_path

from tests.support.show import an99_excerpt, copy_show, make_episode, run_podcast, serving

EPISODE_TITLE = "AN #99: <script>window.pwned=1</script> & <b>bold</b> 🤖"
ITEM_TITLE = "AI <script>window.pwned=2</script> & Efficiency 🤖"


@dataclass(frozen=True)
class Published:
    root: Path
    site: Path
    show: Show
    cache: Path

    def local(self, url: str) -> Path:
        """The file under the site that a feed URL points to."""
        assert url.startswith(self.show.base_url), url
        return self.site / url.removeprefix(self.show.base_url)


def _timestamp(seconds: float, separator: str) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{separator}{ms % 1000:03d}"


def write_sidecars(folder: Path, entry) -> dict[str, Path]:
    """Chapters JSON, WebVTT (text escaped, as WebVTT requires), SRT and JSON transcript with one cue per
    chapter, at the chapters' real times."""
    ends = [c.start_s for c in entry.chapters[1:]] + [entry.duration_s]
    cues = [(c.start_s, end, f"{c.title} (spoken)") for c, end in zip(entry.chapters, ends)]
    vtt = webvtt.WebVTT(captions=[webvtt.Caption(_timestamp(a, "."), _timestamp(b, "."), escape(text, quote=False)) for a, b, text in cues])
    files = {"chapters": folder / "chapters.json", "vtt": folder / "captions.vtt", "srt": folder / "captions.srt",
             "transcript": folder / "transcript.json"}
    files["chapters"].write_text(json.dumps({"version": "1.2.0", "chapters": [
        {"startTime": c.start_s, "title": c.title, **({"url": c.url} if c.url else {})} for c in entry.chapters]}))
    vtt.save(str(files["vtt"]))
    files["srt"].write_text("".join(f"{i}\n{_timestamp(a, ',')} --> {_timestamp(b, ',')}\n{text}\n\n"
                                    for i, (a, b, text) in enumerate(cues, 1)), encoding="utf-8")
    files["transcript"].write_text(json.dumps({"version": "1.0.0", "segments": [
        {"speaker": "Narrator", "startTime": a, "endTime": b, "body": text} for a, b, text in cues]}))
    return files


def add_missing_sidecars(site: Path, show: Show, work: Path) -> None:
    catalog = load_catalog(site)
    built = []
    for entry in catalog.episodes.values():
        files = {k: v for k, v in write_sidecars(work, entry).items() if k not in entry.sidecars}
        entry = replace(entry, sidecars={**entry.sidecars, **{k: published_path(entry.number, f) for k, f in files.items()}})
        built.append((entry, {"audio": site / entry.audio, **files}))
    publish(site, show, catalog, built)


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Published:
    root = copy_show(tmp_path_factory.mktemp("published"))
    text = an99_excerpt().replace("AI and Efficiency", ITEM_TITLE)
    episode = make_episode(root / "episodes" / "099", 99, text, EPISODE_TITLE)
    site, cache = root / "public", root / "cache"
    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    show = load_show(root / "podcast.toml")
    work = root / "sidecars"
    work.mkdir()
    add_missing_sidecars(site, show, work)
    return Published(root, site, show, cache)


@pytest.fixture(scope="session")
def server(published):
    """`podcast serve` on a free loopback port for the published site; yields its base URL."""
    with serving(published.site) as url:
        yield url
