"""The show (podcast.toml) and an episode's metadata (episode.toml), read and checked."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .errors import InputError
from .links import vet_link
from .tomlfile import read_toml

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Music:
    """Optional sound files (podcast.toml [music]) played around the speech; each is off when absent."""

    intro: Path | None = None
    """Played before the first words."""
    outro: Path | None = None
    """Played after the last words."""
    between_chapters: Path | None = None
    """A short sound in the pause between two chapters."""
    level_lu: float = -6.0
    """Loudness of the music relative to the speech's target."""


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: what the feed's channel says and how episodes are mastered."""

    title: str
    description: str
    author: str
    owner_name: str
    owner_email: str
    language: str
    category: str
    explicit: bool
    base_url: str
    """URL the site folder is served from, ending in '/'."""
    artwork: Path | None
    loudness_lufs: float
    true_peak_dbtp: float
    mp3_bitrate_kbps: int
    mp3_sample_rate_hz: int
    root: Path
    """Folder holding podcast.toml; relative paths in it are relative to this."""
    narrator: str | None = None
    """Who reads the episodes (podcast:person role narrator); the author when unset."""
    music: Music = Music()
    opus_enabled: bool = True
    """podcast.toml [opus] enabled: publish an Ogg Opus alternate enclosure beside the MP3."""
    opus_bitrate_kbps: int = 24
    apple_id: int | None = None
    """The show's Apple Podcasts id (podcast.toml apple_id), once listed there: the pages link to its directory
    pages (Apple, Overcast, Castro) instead of feed-URL links."""
    stats_prefix: str | None = None
    """podcast.toml [stats] prefix: an analytics prefix (OP3, Podtrac) put before every enclosure URL."""
    people: dict[str, str] = field(default_factory=dict)
    """podcast.toml [people]: the names the newsletter uses ("Rohin", in "summarized by Rohin" and "Rohin's
    opinion") -> full names ("Rohin Shah"), for transcript speakers and podcast:person."""

    @property
    def feed_url(self) -> str:
        return self.base_url + "feed.xml"

    @property
    def narrator_name(self) -> str:
        return self.narrator or self.author

    def person(self, name: str) -> str:
        """The full name of someone the issue names (as written when [people] does not know them)."""
        return self.people.get(name.strip(), name.strip())


MAX_ISSUE_NUMBER = 9999
"""Issue numbers are 1 to 9999: the folder and file names hold them, and the newsletter stopped at 173."""
EPISODE_YEARS = range(1990, 2101)
"""An episode dated outside these years is a mistake (the newsletter ran 2018-2022); year 1 would be written
into the feed as a date RFC 822 cannot express."""
UNREADABLE = re.compile(r"[\ufffd\ud800-\udfff]")
"""What a title holds where its source had a byte that is not UTF-8: the replacement character (the email
package's reading), or a lone surrogate (Python's reading of such a byte in a command-line argument)."""


def number_problem(number: int) -> str | None:
    """Why an issue number cannot be an episode's, or None."""
    if 1 <= number <= MAX_ISSUE_NUMBER:
        return None
    return f"issue number {number} is not between 1 and {MAX_ISSUE_NUMBER}"


def date_problem(date: dt.date) -> str | None:
    """Why a date cannot be an episode's, or None."""
    if date.year in EPISODE_YEARS:
        return None
    return f"date {date.isoformat()} is not between {EPISODE_YEARS[0]} and {EPISODE_YEARS[-1]}"


def title_problem(title: str) -> str | None:
    """Why a title cannot be an episode's (blank, or holding a byte that was not UTF-8), or None."""
    if not title.strip():
        return "the title is blank"
    if UNREADABLE.search(title):
        shown = UNREADABLE.sub("\ufffd", title).encode("ascii", "backslashreplace").decode("ascii")
        return f"the title holds a byte that is not UTF-8 text: '{shown}'"
    return None


@dataclass(frozen=True)
class EpisodeMeta:
    """What episode.toml says of one issue."""

    number: int
    title: str
    date: dt.date
    link: str | None
    description: str | None


def _field(data: dict, path: Path, key: str, kind: type, default=...):
    value = data.get(key, default)
    if value is ...:
        raise InputError(path, f"missing field '{key}'")
    if value is not None and not isinstance(value, kind):
        raise InputError(path, f"field '{key}' should be {kind.__name__}, not {type(value).__name__}")
    return value


def _load_music(data: dict, path: Path) -> Music:
    """The [music] table: each named file must exist (relative to podcast.toml)."""
    files = {}
    for key in ("intro", "outro", "between_chapters"):
        name = _field(data, path, key, str, None)
        if name is not None and not (path.parent / name).is_file():
            raise InputError(path, f"[music] {key} file {name!r} not found")
        files[key] = path.parent / name if name else None
    level = data.get("level_lu", -6.0)
    if isinstance(level, bool) or not isinstance(level, (int, float)):
        raise InputError(path, f"[music] level_lu should be a number, not {type(level).__name__}")
    return Music(**files, level_lu=float(level))


def _load_people(data: dict, path: Path) -> dict[str, str]:
    """The [people] table: each value a non-empty full name."""
    for name, full in data.items():
        if not isinstance(full, str) or not full.strip():
            raise InputError(path, f"[people] {name} should be a full name in quotes, not {full!r}")
    return {name.strip(): full.strip() for name, full in data.items()}


OPUS_BITRATES_KBPS = range(6, 257)
"""What libopus accepts for mono."""


def _load_opus(data: dict, path: Path) -> tuple[bool, int]:
    """The [opus] table: enabled (default true) and bitrate_kbps (default 24, speech at a third of the MP3)."""
    enabled = _field(data, path, "enabled", bool, True)
    bitrate = _field(data, path, "bitrate_kbps", int, 24)
    if isinstance(bitrate, bool) or bitrate not in OPUS_BITRATES_KBPS:
        raise InputError(path, f"[opus] bitrate_kbps {bitrate!r} is not between 6 and 256")
    return enabled, bitrate


def _load_stats_prefix(data: dict, path: Path) -> str | None:
    """The [stats] table's prefix: an http(s) URL ending in '/' (a `{podcast_guid}` in it is filled in)."""
    prefix = _field(data, path, "prefix", str, None)
    if prefix is None:
        return None
    parsed = urlparse(prefix)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or not prefix.endswith("/"):
        raise InputError(path, f"[stats] prefix {prefix!r} is not an http(s) URL ending in '/'")
    return prefix


def load_show(path: Path) -> Show:
    """Read podcast.toml; a bad base URL or owner email is an InputError."""
    data = read_toml(path)
    base_url = _field(data, path, "base_url", str)
    parsed = urlparse(base_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(path, f"base_url {base_url!r} is not an http(s) URL")
    email = _field(data, path, "owner_email", str)
    if not EMAIL.match(email):
        raise InputError(path, f"owner_email {email!r} is not an email address")
    artwork = _field(data, path, "artwork", str, None)
    mp3 = _field(data, path, "mp3", dict, {})
    loudness = _field(data, path, "loudness", dict, {})
    author = _field(data, path, "author", str)
    opus_enabled, opus_bitrate = _load_opus(_field(data, path, "opus", dict, {}), path)
    apple_id = _field(data, path, "apple_id", int, None)
    if apple_id is not None and (isinstance(apple_id, bool) or apple_id <= 0):
        raise InputError(path, f"apple_id {apple_id!r} is not an Apple Podcasts id (the number after 'id' in its URL)")
    return Show(
        title=_field(data, path, "title", str),
        description=_field(data, path, "description", str),
        author=author,
        owner_name=_field(data, path, "owner_name", str, author),
        owner_email=email,
        language=_field(data, path, "language", str, "en"),
        category=_field(data, path, "category", str, "Technology"),
        explicit=_field(data, path, "explicit", bool, False),
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        artwork=(path.parent / artwork) if artwork else None,
        loudness_lufs=float(loudness.get("integrated_lufs", -16.0)),
        true_peak_dbtp=float(loudness.get("true_peak_dbtp", -1.0)),
        mp3_bitrate_kbps=int(mp3.get("bitrate_kbps", 64)),
        mp3_sample_rate_hz=int(mp3.get("sample_rate_hz", 44100)),
        root=path.parent,
        narrator=_field(data, path, "narrator", str, None),
        music=_load_music(_field(data, path, "music", dict, {}), path),
        opus_enabled=opus_enabled,
        opus_bitrate_kbps=opus_bitrate,
        apple_id=apple_id,
        stats_prefix=_load_stats_prefix(_field(data, path, "stats", dict, {}), path),
        people=_load_people(_field(data, path, "people", dict, {}), path),
    )


def load_episode_meta(path: Path) -> EpisodeMeta:
    """Read episode.toml: number, title and date are required; link and description optional."""
    data = read_toml(path)
    number = _field(data, path, "number", int)
    date = _field(data, path, "date", dt.date)
    if isinstance(date, dt.datetime):
        date = date.date()
    title = _field(data, path, "title", str)
    problem = number_problem(number) or date_problem(date) or title_problem(title)
    if problem:
        raise InputError(path, problem)
    link = _field(data, path, "link", str, None)
    if link is not None:
        link, problem = vet_link(link)
        if problem:
            raise InputError(path, f"link is not published: {problem}; give an http(s) or mailto link, or none")
    return EpisodeMeta(
        number=number,
        title=title,
        date=date,
        link=link,
        description=_field(data, path, "description", str, None),
    )
