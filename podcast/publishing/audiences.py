"""A feed per audience ([feeds.NAME]) is the show as that feed presents itself: its own title, description and
feed URL (hence its own podcast:guid and episode GUIDs), no Apple id of its own (the show's names the main
feed's directory page); everything else (author, artwork, language, base URL) is the show's."""
from __future__ import annotations

from dataclasses import replace

from ..config import AudienceFeed, Show


def audience_show(show: Show, feed: AudienceFeed) -> Show:
    """The show as the feed `feed` presents it: what its channel, its GUIDs and its subscribe links are made from."""
    return replace(show, title=feed.title, description=feed.description, feed_path=feed.path, apple_id=None, feeds=())
