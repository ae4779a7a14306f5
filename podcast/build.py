"""The build: runs the stages for each episode folder, then publishes them all into the site.

An episode whose inputs are unchanged since it was published (podcast.freshness) is skipped before anything
heavy is imported. The others are voiced through the segment cache by a pool of workers, and mastered (in
parallel with the voicing of the next episode when several are built at once)."""
from __future__ import annotations

import logging
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .caches import CacheDirs
from .config import AudienceFeed, Show
from .episode import Episode, load_episode, load_meta, load_voices
from .errors import InputError
from .freshness import inputs_digest
from .heard_script import as_heard
from .processes import spawn_pool
from .publishing import (AlternateEntry, Catalog, ChapterEntry, EpisodeEntry, ItemEntry, PersonEntry, episode_guid,
                         items_description, load_catalog, publish, published_path, subresource_integrity)
from .reading import Issue, find_issue_file

if TYPE_CHECKING:  # the up-to-date check must not wait for audio libraries to import
    from .listening import ListeningReport
    from .mastering import MasteredEpisode, MasteringJob
    from .narration import Assessment
    from .scripting import Reading

log = logging.getLogger("podcast")


@dataclass(frozen=True)
class Outcome:
    """What the build did with one episode folder."""

    entry: EpisodeEntry
    rebuilt: bool
    """False when the episode was up to date and nothing was done."""


def description_of(episode: Episode) -> str:
    """The short description: episode.toml's, else the item titles (the title is shown beside it everywhere),
    else (an essay issue) the subtitle."""
    from .scripting import episode_subtitle

    if episode.meta.description:
        return episode.meta.description
    titles = [item.title for item in episode.issue.items]
    return items_description(titles) if titles else f"{episode_subtitle(episode.meta)}."


def credits(issue: Issue, show: Show, narrated: bool) -> list[PersonEntry]:
    """Each person of the episode once, by full name: the narrator when the episode uses their takes (narrated),
    then everyone who summarized an item or gave an opinion (writers), in order of appearance; the narrator who
    also wrote is both. The synthetic voice is no person: an episode it reads alone has no narrator."""
    roles: dict[str, list[str]] = {show.narrator_name: ["narrator"]} if narrated else {}
    for item in issue.items:
        for name in (*item.summarizers, *(o.holder for o in item.opinions)):
            held = roles.setdefault(show.person(name), [])
            if "writer" not in held:
                held.append("writer")
    return [PersonEntry(name, held) for name, held in roles.items()]


OPUS_MIME_TYPE = "audio/ogg; codecs=opus"


def built_files(mastered) -> dict[str, Path]:
    """The built files by kind: "audio" (the MP3), the sidecars and the Opus alternate ("opus")."""
    return {"audio": mastered.mp3, **mastered.sidecars, **({"opus": mastered.opus} if mastered.opus else {})}


def alternates_of(mastered) -> list[AlternateEntry]:
    if mastered.opus is None:
        return []
    length = mastered.opus.stat().st_size
    return [AlternateEntry("opus", OPUS_MIME_TYPE, length, round(length * 8 / mastered.opus_duration_s), "Opus",
                           subresource_integrity(mastered.opus))]


def catalog_entry(episode: Episode, show: Show, mastered, description: str, digest: str, reading: Reading
                  ) -> EpisodeEntry:
    from .scripting import Reading, statement

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
        items=[ItemEntry(i.title, i.url, i.authors, list(i.summarizers), list(i.section)) for i in episode.issue.items],
        sidecars={kind: published_path(number, path) for kind, path in built_files(mastered).items() if kind != "audio"},
        people=credits(episode.issue, show, reading != Reading.SYNTHETIC),
        alternates=alternates_of(mastered),
        inputs_digest=digest,
        reading=reading.value,
        statement=statement(show, reading),
        segment_starts_s=[round(p.start_s, 3) for p in mastered.placements],
    )


def audience_entry(episode: Episode, show: Show, feed: AudienceFeed, main: EpisodeEntry, mastered) -> EpisodeEntry:
    """The episode of the feed per audience `feed`: the main entry's, with its own GUID, audio, chapters and
    sidecars, and the items (and their writers) of the chapters it holds."""
    from .publishing.audiences import audience_show
    from .scripting import selected_chapters

    number = episode.meta.number
    chosen = selected_chapters(episode.issue, feed.sections)
    held = [n for n in range(len(episode.issue.items)) if n + 1 in chosen]
    kept = [episode.issue.items[n] for n in held]
    issue = replace(episode.issue, items=tuple(kept))
    description = main.description if not main.description_lists_items else items_description([i.title for i in kept])
    return replace(
        main, guid=episode_guid(audience_show(show, feed).feed_url, number),
        description=description,
        audio=published_path(number, mastered.mp3, feed.name), audio_bytes=mastered.mp3.stat().st_size,
        duration_s=mastered.duration_s,
        chapters=[ChapterEntry(c.title, c.url, round(c.start_s, 3)) for c in mastered.chapters],
        items=[main.items[n] for n in held],
        sidecars={kind: published_path(number, path, feed.name)
                  for kind, path in built_files(mastered).items() if kind != "audio"},
        people=credits(issue, show, main.reading != "synthetic"),
        alternates=alternates_of(mastered),
        segment_starts_s=[round(p.start_s, 3) for p in mastered.placements])


def is_published(catalog: Catalog, number: int, digest: str, site: Path, show: Show) -> bool:
    """The episode is up to date in the main feed and in each of the show's feeds per audience that has it (a
    feed no longer in podcast.toml keeps what it published, and is not built)."""
    entry = catalog.episodes.get(number)
    feeds = [catalog.feeds.get(f.name, {}) for f in show.feeds]
    return (entry is not None and entry.is_up_to_date(digest, site)
            and all(feed[number].is_up_to_date(digest, site) for feed in feeds if number in feed))


def warn_kept(catalog: Catalog, show: Show, built: list[Built]) -> None:
    """One warning per episode a feed per audience keeps as published though its issue, rebuilt, has no chapter
    under the feed's sections any more: a feed never drops an episode."""
    for b in built:
        for f in show.feeds:
            if f.name not in b.audiences and b.entry.number in catalog.feeds.get(f.name, {}):
                log.warning("episode %d: no item is under %s any more; its episode in %s stays as published "
                            "(a feed never drops an episode)", b.entry.number, " or ".join(f.sections), f.path)


AUDIO_STATEMENT_OFF = ("podcast.toml [disclosure] audio = false: the episodes do not say in their audio who reads "
                       "them, which Apple Podcasts' content guidelines require of AI-generated content (a synthetic "
                       "voice) beside the metadata")


def build(folders: list[Path], show: Show, site: Path, caches: CacheDirs, jobs: int | None = None,
          ray_address: str | None = None, check: bool = False) -> list[Outcome]:
    """Build every episode folder that is not up to date, then publish them into the site in one step
    (feed last). jobs: worker processes for voicing (default: one per core); ray_address: voice on that Ray
    cluster instead of this machine; check: run the listening check on what it has not heard yet (without it,
    its stored results are reported)."""
    if not show.disclosure.audio:
        log.warning("%s", AUDIO_STATEMENT_OFF)
    metas = [load_meta(folder) for folder in folders]
    numbers = [m.number for m in metas]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicates:
        raise InputError(folders[numbers.index(duplicates[0])], f"episode number {duplicates[0]} is given twice")
    catalog = load_catalog(site)
    digests = [inputs_digest(folder, find_issue_file(folder), show) for folder in folders]
    stale = [(folder, digest) for folder, meta, digest in zip(folders, metas, digests)
             if not is_published(catalog, meta.number, digest, site, show)]
    if not stale and all((site / path).is_file() for path in [show.feed_path, *(f.path for f in show.feeds)]):
        return [Outcome(catalog.episodes[m.number], rebuilt=False) for m in metas]
    episodes = [load_episode(folder, show) for folder, _ in stale]
    with tempfile.TemporaryDirectory(prefix="podcast-build-") as work:
        built = build_episodes(episodes, [d for _, d in stale], show, caches, Path(work), jobs, ray_address, check)
        from .publishing.review import Review

        reviews = {b.entry.number: Review(b.mastered.duration_s, b.mastered.placements, b.mastered.chapters,
                                          b.narration.statuses, b.mastered.envelope, b.listening.findings)
                   for b in built}
        feeds = {f.name: [b.audiences[f.name] for b in built if f.name in b.audiences] for f in show.feeds}
        warn_kept(catalog, show, built)
        started = time.perf_counter()
        publish(site, show, catalog, [(b.entry, b.files) for b in built], reviews, feeds)
        log.info("published %d episode(s) into a site of %d in %.2f s", len(built), len(catalog.episodes),
                 time.perf_counter() - started)
    fresh = {b.entry.number for b in built}
    return [Outcome(catalog.episodes[m.number], rebuilt=m.number in fresh) for m in metas]


@dataclass(frozen=True)
class Built:
    """An episode built into the work folder, ready to publish."""

    entry: EpisodeEntry
    files: dict[str, Path]
    """Built files by kind: "audio" and the sidecars."""
    mastered: MasteredEpisode
    narration: Assessment
    """What became of the narrator's takes, for the review page."""
    listening: ListeningReport
    """The listening check's findings, for the review page."""
    audiences: dict[str, tuple[EpisodeEntry, dict[str, Path]]]
    """By name, the episode of each feed per audience that has one, and its built files."""


class Mastering:
    """Masters episodes in this process, or in up to `processes` worker processes that run beside the
    voicing of the next episode (when several episodes are built at once)."""

    def __init__(self, processes: int):
        self.processes = processes
        self._pool = spawn_pool(processes) if processes > 1 else None
        self._in_flight: list[Future] = []

    def submit(self, job: MasteringJob) -> Future:
        """master_episode(job), now or in a worker once one of the `processes` is free."""
        from .mastering import master_episode

        if self._pool is None:
            future: Future = Future()
            future.set_result(master_episode(job))
            return future
        self._in_flight = [f for f in self._in_flight if not f.done()]
        if len(self._in_flight) >= self.processes:
            wait(self._in_flight, return_when=FIRST_COMPLETED)
        future = self._pool.submit(master_episode, job)
        self._in_flight.append(future)
        return future

    def __enter__(self) -> "Mastering":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def voicing_executor(engines: dict, workers: int, ray_address: str | None):
    """Where segments are synthesized: this machine's worker pool, or a Ray cluster."""
    from .voicing import LocalExecutor

    if ray_address:
        from .voicing.cluster import RayExecutor

        return RayExecutor(ray_address)
    return LocalExecutor(engines.values(), workers)


def build_episodes(episodes: list[Episode], digests: list[str], show: Show, caches: CacheDirs, work: Path,
                   jobs: int | None, ray_address: str | None = None, check: bool = False) -> list[Built]:
    """Voice (the narrator's accepted takes replacing TTS) and master the episodes, all read and scripted
    already so bad input fails before any work, into the work folder."""
    from .listening import listen
    from .mastering import MasteringJob, Selection
    from .scripting import Script, selected_chapters, statement
    from .voicing import CacheUsage, SegmentCache, VoicingReport, load_engines, usable_cores, voice_script
    from .voicing.report import segment_report, with_starts, write_segment_report

    workers = jobs or usable_cores()
    cast, lexicon = load_voices(show)
    roles = {s.role for e in episodes for s in e.script.segments}
    # The driver's engines split sentences and name the voice; they synthesize only with one worker or a
    # single segment to voice, when no worker runs: then with every core.
    engines = load_engines(roles, cast, threads=usable_cores())
    cache = SegmentCache(caches.segments)
    started, finished, results = {}, {}, []
    with Mastering(workers if len(episodes) > 1 else 1) as mastering:
        with voicing_executor(engines, workers, ray_address) as executor:
            for episode in episodes:
                number = episode.meta.number
                started[number] = time.perf_counter()
                report = VoicingReport()
                tts = voice_script(episode.script, cast, engines, lexicon, cache, executor, report,
                                   label=f"voicing episode {number}")
                again = VoicingReport()  # the statement reworded, the announcements
                script, audios, narration, reading = as_heard(
                    episode, tts, show, caches.recognition,
                    lambda segments: voice_script(Script(tuple(segments), ()), cast, engines, lexicon, cache, executor,
                                                  again))
                CacheUsage(caches.shows).record(show.root, {episode.folder: report.keys | again.keys})
                if episode is episodes[-1]:  # free the workers' and engines' memory for mastering
                    executor.close()
                    engines.clear()
                listening = listen(script, audios, lexicon.respell, caches.recognition, caches.listening,
                                   hear=check)
                (work / f"{number:03d}").mkdir()
                description = description_of(episode)
                future = mastering.submit(MasteringJob(script, audios, show, episode.meta,
                                                       work / f"{number:03d}" / "episode.mp3",
                                                       f"{description} {statement(show, reading)}",
                                                       piece_cache=caches.pieces, steps_cache=caches.steps,
                                                       selections=tuple(
                                                           Selection(f.name, f.title,
                                                                     selected_chapters(episode.issue, f.sections))
                                                           for f in show.feeds)))
                future.add_done_callback(lambda _, n=number: finished.setdefault(n, time.perf_counter()))
                results.append((episode, description, report, segment_report(script, audios), narration, reading,
                                listening, future))
        entries = []
        for (episode, description, report, rows, narration, reading, listening, future), digest in zip(results, digests):
            mastered = future.result()
            write_segment_report(episode.folder, with_starts(rows, [p.start_s for p in mastered.placements]))
            entry = catalog_entry(episode, show, mastered, description, digest, reading)
            audiences = {f.name: (audience_entry(episode, show, f, entry, mastered.selections[f.name]),
                                  built_files(mastered.selections[f.name]))
                         for f in show.feeds if f.name in mastered.selections}
            entries.append(Built(entry, built_files(mastered), mastered, narration, listening, audiences))
            number = episode.meta.number
            log.info("episode %d: %d segments (%d synthesized in %.1f s, %d from cache), %.1f min of audio, "
                     "built in %.1f s; %d of %d pieces encoded (%s)", number, report.synthesized + report.cached,
                     report.synthesized, report.synthesis_s, report.cached, mastered.duration_s / 60,
                     finished[number] - started[number], mastered.pieces_encoded, mastered.pieces,
                     ", ".join(f"{name} {s:.1f} s" for name, s in mastered.encode_s.items()))
            hint = f" in {listening.seconds:.1f} s" if check else f" (podcast check {episode.folder})" if listening.unchecked else ""
            log.info("episode %d: %s%s", number, listening.summary(), hint)
    return entries
