"""The show (podcast.toml) and an episode's metadata (episode.toml) as the pipeline uses them, read from the
files as their schema (podcast/settings) checks them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .disclosure import Disclosure


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
class AudienceFeed:
    """A podcast.toml [feeds.NAME] table: a podcast of its own, at feeds/NAME.xml, whose episodes hold the chapters
    of the sections it names (with each issue's opening and closing); an issue with none of them has no episode in
    it."""

    name: str
    title: str
    description: str
    sections: tuple[str, ...]

    @property
    def path(self) -> str:
        """The feed's path under the site folder."""
        return f"feeds/{self.name}.xml"


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
    """Who records the narrator's takes (credited as narrator of an episode that uses them); the author when unset."""
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
    opinion") -> full names ("Rohin Shah"), for the credits (podcast:person role writer)."""
    disclosure: Disclosure = Disclosure()
    feeds: tuple[AudienceFeed, ...] = ()
    """podcast.toml [feeds.NAME]: the feeds per audience, beside the main feed."""
    feed_path: str = "feed.xml"
    """The feed's path under the site folder (an audience feed's Show, audience_show, has its own)."""

    @property
    def feed_url(self) -> str:
        return self.base_url + self.feed_path

    @property
    def narrator_name(self) -> str:
        return self.narrator or self.author

    def person(self, name: str) -> str:
        """The full name of someone the issue names (as written when [people] does not know them)."""
        return self.people.get(name.strip(), name.strip())




@dataclass(frozen=True)
class EpisodeMeta:
    """What episode.toml says of one issue."""

    number: int
    title: str
    date: dt.date
    link: str | None
    description: str | None


def load_show(path: Path) -> Show:
    """Read podcast.toml, checked against its schema (settings/show.py): every mistake in it is one SettingsError."""
    from .settings import ShowFile, read_settings

    file = read_settings(path, ShowFile, root=path.parent)
    return Show(
        title=file.title,
        description=file.description,
        author=file.author,
        owner_name=file.owner_name or file.author,
        owner_email=file.owner_email,
        language=file.language,
        category=file.category,
        explicit=file.explicit,
        base_url=file.base_url if file.base_url.endswith("/") else file.base_url + "/",
        artwork=(path.parent / file.artwork) if file.artwork else None,
        loudness_lufs=file.loudness.integrated_lufs,
        true_peak_dbtp=file.loudness.true_peak_dbtp,
        mp3_bitrate_kbps=file.mp3.bitrate_kbps,
        mp3_sample_rate_hz=file.mp3.sample_rate_hz,
        root=path.parent,
        narrator=file.narrator,
        music=Music(file.music.intro, file.music.outro, file.music.between_chapters, file.music.level_lu),
        opus_enabled=file.opus.enabled,
        opus_bitrate_kbps=file.opus.bitrate_kbps,
        apple_id=file.apple_id,
        stats_prefix=file.stats.prefix,
        people={name.strip(): full.strip() for name, full in file.people.items()},
        disclosure=Disclosure(**{key: value.strip() if isinstance(value, str) else value
                                 for key, value in file.disclosure.model_dump().items()}),
        feeds=tuple(AudienceFeed(name, feed.title.strip(), (feed.description or file.description).strip(),
                                 tuple(s.strip() for s in feed.sections)) for name, feed in file.feeds.items()),
    )


def load_episode_meta(path: Path) -> EpisodeMeta:
    """Read episode.toml, checked against its schema (settings/episode.py): number, title and date are required;
    link and description optional."""
    from .settings import EpisodeFile, read_settings

    file = read_settings(path, EpisodeFile)
    return EpisodeMeta(number=file.number, title=file.title, date=file.date, link=file.link,
                       description=file.description)
