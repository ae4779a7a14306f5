"""The build: runs the stages for each episode folder, then publishes them all into the site."""
from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .config import EpisodeMeta, Show, load_episode_meta
from .errors import InputError
from .mastering import MasteredEpisode, master_episode
from .narration import use_takes, write_review_page
from .publishing import ChapterEntry, EpisodeEntry, ItemEntry, episode_guid, published_path, load_catalog, publish
from .reading import Issue, find_issue_file, read_issue
from .scripting import Script, episode_subtitle, write_script
from .voicing import SegmentCache, VoicingReport, load_cast, load_lexicon, voice_script

log = logging.getLogger("podcast")


@dataclass(frozen=True)
class Episode:
    """An episode folder, read and scripted."""

    folder: Path
    meta: EpisodeMeta
    issue: Issue
    script: Script


def load_episode(folder: Path, show: Show) -> Episode:
    if not folder.is_dir():
        raise InputError(folder, "not an episode folder (expected a folder with episode.toml and issue.txt)")
    meta = load_episode_meta(folder / "episode.toml")
    issue = read_issue(find_issue_file(folder))
    return Episode(folder, meta, issue, write_script(issue, meta, show))


def description_of(episode: Episode) -> str:
    """The short description: episode.toml's, else the subtitle and the item titles."""
    if episode.meta.description:
        return episode.meta.description
    titles = "; ".join(item.title for item in episode.issue.items)
    return f"{episode_subtitle(episode.meta)}. In this issue: {titles}."


def catalog_entry(episode: Episode, show: Show, mastered: MasteredEpisode, description: str) -> EpisodeEntry:
    number = episode.meta.number
    return EpisodeEntry(
        number=episode.meta.number,
        guid=episode_guid(show.feed_url, episode.meta.number),
        title=episode.meta.title,
        date=episode.meta.date.isoformat(),
        description=description,
        link=episode.meta.link,
        audio=published_path(number, mastered.mp3),
        audio_bytes=mastered.mp3.stat().st_size,
        duration_s=mastered.duration_s,
        chapters=[ChapterEntry(c.title, c.url, round(c.start_s, 3)) for c in mastered.chapters],
        items=[ItemEntry(i.title, i.url, i.authors, list(i.summarizers)) for i in episode.issue.items],
        sidecars={kind: published_path(number, path) for kind, path in mastered.sidecars.items()},
    )


def build(folders: list[Path], show: Show, site: Path, cache_dir: Path) -> list[EpisodeEntry]:
    """Build every episode folder, then publish them into the site in one step (feed last)."""
    episodes = [load_episode(folder, show) for folder in folders]
    numbers = [e.meta.number for e in episodes]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicates:
        raise InputError(folders[numbers.index(duplicates[0])], f"episode number {duplicates[0]} is given twice")
    catalog = load_catalog(site)
    voices = show.root / "voices"
    cast, lexicon = load_cast(voices / "cast.toml"), load_lexicon(voices / "lexicon.toml")
    cache = SegmentCache(cache_dir)
    built, reviews = [], []
    with tempfile.TemporaryDirectory(prefix="podcast-build-") as work:
        for episode in episodes:
            started = time.perf_counter()
            report = VoicingReport()
            audios = voice_script(episode.script, cast, lexicon, cache, report)
            audios, narration = use_takes(episode.folder, episode.script, audios, cache_dir.parent / "narration")
            out = Path(work) / f"{episode.meta.number:03d}"
            out.mkdir()
            description = description_of(episode)
            mastered = master_episode(episode.script, audios, show, episode.meta, out / "episode.mp3", description)
            files = {"audio": mastered.mp3, **mastered.sidecars}
            built.append((catalog_entry(episode, show, mastered, description), files))
            reviews.append((built[-1][0], mastered, narration))
            log.info("episode %d: %d segments (%d synthesized in %.1f s, %d from cache), %.1f min of audio, "
                     "built in %.1f s", episode.meta.number, len(audios), report.synthesized, report.synthesis_s,
                     report.cached, mastered.duration_s / 60, time.perf_counter() - started)
        publish(site, show, catalog, built)
        for entry, mastered, narration in reviews:
            write_review_page(site, entry, mastered, narration)
    return [entry for entry, _ in built]
