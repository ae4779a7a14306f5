"""The names of an episode's files in the site, built by publishing and read back from access-log paths by stats:
episodes/NNN/alignment-newsletter-NNN-<stem>-<digest><suffix>, where <stem> and <suffix> are the built file's
(mastering's episode.mp3 and episode.opus for the audio; a feed per audience's files put its name before it:
highlights-episode) and <digest> is the start of its content's SHA-256, so a rebuild never overwrites a file the
published feed still points to."""
from __future__ import annotations

import re
from typing import NamedTuple

REVIEW_PAGE = "review.html"
"""Each episode's review page (publishing/review.py), beside its MP3: the producer's, not the listeners'."""
EPISODE_FILES = "episodes/*/alignment-newsletter-*"
"""Every episode file of a site, as a glob under the site folder."""
AUDIO_PATH = re.compile(r"/episodes/([0-9]{3,4})/alignment-newsletter-\1-(?:([a-z0-9][a-z0-9-]{0,39})-)?"
                        r"episode-[0-9a-f]+\.(mp3|opus)$")
"""An episode's audio as media_name names it: the issue number (1 to 9999, three digits at least) twice, alike;
before `episode`, the name of the feed per audience it belongs to, if any (a [feeds.NAME] name: lower-case
letters, digits and '-', at most 40)."""


class Audio(NamedTuple):
    """What an audio file's published name says."""

    number: int
    extension: str
    """"mp3" or "opus"."""
    feed: str | None
    """The feed per audience ([feeds.NAME]) whose episode it is; None for the main feed's."""


def media_name(number: int, stem: str, digest: str, suffix: str) -> str:
    """Where a built file (stem and suffix as built, digest of its content) lives under the site folder."""
    return f"episodes/{number:03d}/alignment-newsletter-{number:03d}-{stem}-{digest}{suffix}"


def audio_of(path: str) -> Audio | None:
    """What audio a URL path names, under whatever base path: the main feed's episode or a feed per audience's;
    None for any other path."""
    match = AUDIO_PATH.search(path)
    return Audio(int(match.group(1)), match.group(3), match.group(2)) if match else None
