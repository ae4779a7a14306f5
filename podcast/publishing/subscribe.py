"""One-tap subscribe links for the podcast apps whose subscribe-link conventions are documented (README,
"Subscribe links", cites each): built from the feed URL, or, once the show is in Apple's directory
(podcast.toml `apple_id`), the directory pages that Apple, Overcast and Castro document for that id.

Apps with no documented convention for the case at hand get no link (Castro without an Apple id); the page's
"Copy feed URL" button serves them and every other app."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ..config import Show


SAFE = "/:@!$&'()*+,;=-._~"
"""Characters a URL carries as they are when it goes into another URL's path; the rest are percent-encoded."""


@dataclass(frozen=True)
class SubscribeLink:
    app: str
    url: str


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[-1]


def subscribe_links(show: Show) -> list[SubscribeLink]:
    """The links in the order the page shows them."""
    feed = show.feed_url
    bare = quote(_without_scheme(feed), safe=SAFE)
    links = []
    if show.apple_id:
        links.append(SubscribeLink("Apple Podcasts", f"https://podcasts.apple.com/podcast/id{show.apple_id}"))
        links.append(SubscribeLink("Overcast", f"https://overcast.fm/itunes{show.apple_id}"))
    else:
        links.append(SubscribeLink("Apple Podcasts", f"podcast://{bare}"))
        links.append(SubscribeLink("Overcast", "overcast://x-callback-url/add?"
                                   + urlencode({"url": feed.removeprefix("https://")})))
    links.append(SubscribeLink("Pocket Casts", f"pktc://subscribe/{bare}"))
    links.append(SubscribeLink("AntennaPod", "https://antennapod.org/deeplink/subscribe?"
                               + urlencode({"url": feed, "title": show.title})))
    links.append(SubscribeLink("Podcast Addict", f"podcastaddict://{quote(feed, safe=SAFE)}"))
    if show.apple_id:
        links.append(SubscribeLink("Castro", f"https://castro.fm/itunes/{show.apple_id}"))
    return links
