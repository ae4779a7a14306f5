"""podcast.toml's schema: the show's keys and its tables. A new table is one more Table subclass here and one
field of ShowFile (then one line in config.load_show to hand it to the Show)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, ValidationInfo

from ..disclosure import Disclosure as Defaults
from .fields import Table, between, check, url_problem, blank_problem, one_of, shown

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
"""An RFC 5646 language tag as RSS's <language> takes it: "en", "en-US"."""
CATEGORIES = ("Arts", "Business", "Comedy", "Education", "Fiction", "Government", "Health & Fitness", "History",
              "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality", "Science", "Society & Culture",
              "Sports", "TV & Film", "Technology", "True Crime")
"""Apple Podcasts' categories (the <itunes:category> a directory files the show under)."""
MP3_SAMPLE_RATES_HZ = (16000, 22050, 24000, 32000, 44100, 48000)
MP3_BITRATES_KBPS = {32000: (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
                     16000: (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
"""The constant bitrates MPEG audio has: MPEG-1 at 32 kHz and over, MPEG-2 below."""

Text = Annotated[str, check(blank_problem)]


def music_file(name: str | None, info: ValidationInfo) -> Path | None:
    """A [music] file, relative to podcast.toml's folder; it must exist."""
    if name is None:
        return None
    path = info.context["root"] / name
    if not path.is_file():
        raise ValueError(f"file {shown(name)} not found (in {info.context['root']})")
    return path


class Loudness(Table):
    integrated_lufs: Annotated[float, between(-40, -5)] = -16.0
    true_peak_dbtp: Annotated[float, between(-10, 0)] = -1.0


def mp3_bitrate(bitrate: int, info: ValidationInfo) -> int:
    """One of the bitrates MPEG audio has at the table's sample rate."""
    rate = info.data.get("sample_rate_hz", 44100)
    allowed = MP3_BITRATES_KBPS[32000 if rate >= 32000 else 16000]
    if bitrate not in allowed:
        raise ValueError(f"{bitrate} is not an MP3 bitrate at {rate} Hz ({', '.join(map(str, allowed))})")
    return bitrate


class Mp3(Table):
    sample_rate_hz: Annotated[int, one_of(MP3_SAMPLE_RATES_HZ)] = 44100
    bitrate_kbps: Annotated[int, AfterValidator(mp3_bitrate)] = 64


class Opus(Table):
    enabled: bool = True
    bitrate_kbps: Annotated[int, between(6, 256)] = 24
    """What libopus accepts for mono."""


class Music(Table):
    intro: Annotated[str | None, AfterValidator(music_file)] = None
    outro: Annotated[str | None, AfterValidator(music_file)] = None
    between_chapters: Annotated[str | None, AfterValidator(music_file)] = None
    level_lu: Annotated[float, between(-40, 10)] = -6.0


def prefix_problem(prefix: str | None) -> str | None:
    """An analytics prefix is an http(s) URL ending in '/' (a `{podcast_guid}` in it is filled in)."""
    if prefix is not None and (url_problem(prefix) or not prefix.endswith("/")):
        return f"{shown(prefix)} is not an http(s) URL ending in '/'"
    return None


def email_problem(value: str) -> str | None:
    return None if EMAIL.match(value) else f"{shown(value)} is not an email address"


def language_problem(value: str) -> str | None:
    return None if LANGUAGE.match(value) else f'{shown(value)} is not a language code like "en" or "en-US"'


def apple_id_problem(value: int | None) -> str | None:
    if value is not None and value <= 0:
        return f"{value} is not an Apple Podcasts id (the number after 'id' in its URL)"
    return None


class Stats(Table):
    prefix: Annotated[str | None, check(prefix_problem)] = None


def wording_problem(text: str) -> str | None:
    """A [disclosure] wording: not blank, and {narrator} its only placeholder."""
    try:
        filled = text.format(narrator="N")
    except (KeyError, IndexError, ValueError):
        return f"{shown(text)}: the only placeholder is {{narrator}}"
    return blank_problem(filled)


Wording = Annotated[str, check(wording_problem)]


class Disclosure(Table):
    """How episodes say who reads them: podcast/disclosure.py holds what each key does and its default."""

    audio: bool = Defaults.audio
    synthetic: Wording = Defaults.synthetic
    mixed: Wording = Defaults.mixed
    narrator: Wording = Defaults.narrator
    show: Wording = Defaults.show
    speaker: Text = Defaults.speaker
    announce_synthetic_chapters: bool = Defaults.announce_synthetic_chapters
    chapter: Wording = Defaults.chapter


FEED_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
"""A [feeds.NAME] name: it is the feed's file name (feeds/NAME.xml) and its files' names in the site."""


BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
"""A TOML key written without quotes."""


def feed_name_problem(name: str) -> str | None:
    if FEED_NAME.fullmatch(name):
        return None
    table = name if BARE_KEY.fullmatch(name) else shown(name)  # as podcast.toml spells it, on one line
    return f"[feeds.{table}]: {shown(name)} is not a feed name: lower-case letters, digits and '-', at most 40 (it names feeds/NAME.xml)"


def sections_problem(sections: list[str]) -> str | None:
    if not sections:
        return "[] selects nothing; name at least one section, as the issues head it (\"Highlights\")"
    return next((blank_problem(name) for name in sections if blank_problem(name)), None)


class Feed(Table):
    """One [feeds.NAME] table: a podcast of its own made of the chapters of the sections it names."""

    title: Text
    description: Text | None = None
    """Default: the show's description."""
    sections: Annotated[list[str], check(sections_problem)]


class ShowFile(Table):
    """podcast.toml."""

    title: Text
    description: Text
    author: Text
    owner_name: Text | None = None
    """Default: the author."""
    owner_email: Annotated[str, check(email_problem)]
    language: Annotated[str, check(language_problem)] = "en"
    category: Annotated[str, one_of(CATEGORIES)] = "Technology"
    explicit: bool = False
    base_url: Annotated[str, check(url_problem)]
    artwork: str | None = None
    narrator: Text | None = None
    """Default: the author."""
    apple_id: Annotated[int | None, check(apple_id_problem)] = None
    people: dict[str, Text] = {}
    loudness: Loudness = Loudness()
    mp3: Mp3 = Mp3()
    opus: Opus = Opus()
    stats: Stats = Stats()
    music: Music = Music()
    disclosure: Disclosure = Disclosure()
    feeds: dict[Annotated[str, check(feed_name_problem)], Feed] = {}
