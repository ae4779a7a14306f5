"""The names of an episode's files in the site, built by publishing and read back from access-log paths by stats:
episodes/NNN/alignment-newsletter-NNN-<stem>-<digest><suffix>, where <stem> and <suffix> are the built file's
(mastering's episode.mp3 and episode.opus for the audio) and <digest> is the start of its content's SHA-256, so a
rebuild never overwrites a file the published feed still points to."""
from __future__ import annotations

import re

REVIEW_PAGE = "review.html"
"""Each episode's review page (publishing/review.py), beside its MP3: the producer's, not the listeners'."""
EPISODE_FILES = "episodes/*/alignment-newsletter-*"
"""Every episode file of a site, as a glob under the site folder."""
AUDIO_PATH = re.compile(r"/episodes/([0-9]{3,4})/alignment-newsletter-\1-episode-[0-9a-f]+\.(mp3|opus)$")
"""An episode's audio as media_name names it: the issue number (1 to 9999, three digits at least) twice, alike."""


def media_name(number: int, stem: str, digest: str, suffix: str) -> str:
    """Where a built file (stem and suffix as built, digest of its content) lives under the site folder."""
    return f"episodes/{number:03d}/alignment-newsletter-{number:03d}-{stem}-{digest}{suffix}"


def audio_of(path: str) -> tuple[int, str] | None:
    """(episode number, "mp3" or "opus") when a URL path names an episode's published audio, under whatever base
    path; None for any other path."""
    match = AUDIO_PATH.search(path)
    return (int(match.group(1)), match.group(2)) if match else None
