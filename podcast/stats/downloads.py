"""Downloads counted by the IAB Podcast Measurement Technical Guidelines (v2.x):

- only GET requests answered 200 or 206 are downloads (HEAD, 304, 4xx and 5xx are not);
- bots and crawlers are left out (agents.py);
- requests for one episode from the same IP address and user agent within 24 hours of the first are one
  download; a request after that starts another;
- the bytes of those requests are summed (range requests included; the Combined Log Format gives the bytes
  sent, not the ranges), and the download counts once they hold at least one minute of audio, or the whole file
  when it is shorter;
- the episode's files (its MP3 and its Opus) are one episode: a listener who fetches both within the window is
  one download;
- an issue's episode in a feed per audience (feeds/NAME.xml: its own GUID, its own shorter audio) is an episode
  of that podcast, counted apart from the issue's full episode: a listener who fetches both made two downloads.

Written here because no library applies these rules to a log; the parsing and the user agents are libraries'."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..media_names import audio_of
from .accesslog import Request
from .agents import Agents

Episode = tuple[int, str | None]
"""An episode as counted: the issue number and the feed per audience it is in (None: the main feed)."""
WINDOW = dt.timedelta(hours=24)
MINUTE_S = 60.0
DOWNLOAD_STATUSES = {200, 206}


@dataclass(frozen=True)
class EpisodeFiles:
    """How to turn bytes of an episode's files into seconds of audio."""

    bytes_per_s: dict[str, float]
    """File name -> bytes per second of audio, for the files the catalog knows."""
    size: dict[str, int]
    """File name -> its length in bytes (a file shorter than a minute counts when fetched whole)."""
    default_bytes_per_s: dict[str, float]
    """Extension ("mp3", "opus") -> bytes per second for files the catalog does not know (earlier builds)."""


@dataclass
class _Window:
    start: dt.datetime
    app: str
    seconds: float = 0.0
    needed_s: float = MINUTE_S
    """A minute, or less for a file shorter than that (fetched whole, it counts)."""
    counted: bool = False


@dataclass
class Tally:
    """The counts, per episode and per app, and what was left out."""

    downloads: Counter = field(default_factory=Counter)
    """Episode (number, feed) -> downloads."""
    by_app: dict[Episode, Counter] = field(default_factory=dict)
    """Episode (number, feed) -> app name -> downloads (apps not recognised are "other")."""
    bot_requests: int = 0
    """GET requests of media answered 200 or 206 whose agent is a bot or crawler."""
    not_downloads: Counter = field(default_factory=Counter)
    """Media requests that are not downloads, by reason: "HEAD", "status 404", ..."""
    under_a_minute: int = 0
    """Listeners' windows whose bytes never reached a minute of audio."""


def count_downloads(requests: Iterable[Request], files: EpisodeFiles, agents: Agents) -> Tally:
    tally = Tally()
    windows: dict[tuple[Episode, str, str], _Window] = {}
    closed: list[_Window] = []
    for request in sorted(requests, key=lambda r: r.time):
        audio = audio_of(request.path)
        if audio is None:
            continue
        episode, name = (audio.number, audio.feed), request.path.rsplit("/", 1)[-1]
        if request.method != "GET":
            tally.not_downloads[request.method] += 1
            continue
        if request.status not in DOWNLOAD_STATUSES:
            tally.not_downloads[f"status {request.status}"] += 1
            continue
        agent = agents.of(request.user_agent)  # the costly check last, on what would otherwise be a download
        if agent.kind == "bot":
            tally.bot_requests += 1
            continue
        key = (episode, request.ip, request.user_agent)
        window = windows.get(key)
        if window is None or request.time - window.start >= WINDOW:
            if window is not None:
                closed.append(window)
            window = windows[key] = _Window(request.time, agent.name)
        rate = files.bytes_per_s.get(name) or files.default_bytes_per_s[audio.extension]
        window.seconds += request.bytes_sent / rate
        if name in files.size:
            window.needed_s = min(window.needed_s, files.size[name] / rate)
        if not window.counted and window.seconds >= window.needed_s:
            window.counted = True
            tally.downloads[episode] += 1
            tally.by_app.setdefault(episode, Counter())[window.app] += 1
    tally.under_a_minute = sum(1 for w in [*closed, *windows.values()] if not w.counted)
    return tally
