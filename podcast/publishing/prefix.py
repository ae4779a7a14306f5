"""Analytics prefixes (podcast.toml `[stats] prefix`): every media URL in the feed and on the pages goes through
the prefix service, which counts the request and redirects to the file. The convention is OP3's (and Podtrac's):
an HTTPS URL is written after the prefix without its scheme, an HTTP URL with it. `{podcast_guid}` in the prefix
is replaced by the show's podcast:guid, for OP3's `https://op3.dev/e,pg={podcast_guid}/` form. GUIDs are never
touched: they are the catalog's, not the URLs'."""
from __future__ import annotations

from ..config import Show
from .catalog import podcast_guid


def prefixed(url: str, prefix: str | None, guid: str) -> str:
    """url behind the prefix (unchanged when there is none)."""
    if not prefix:
        return url
    rest = url[len("https://"):] if url.startswith("https://") else url
    return prefix.replace("{podcast_guid}", guid) + rest


def media_url(show: Show, path: str) -> str:
    """The URL listeners fetch a published media file (path under the site) from."""
    return prefixed(show.base_url + path, show.stats_prefix, podcast_guid(show.feed_url))
