"""Which link targets the product publishes: http and https links, and mailto addresses, nothing else. An
item's link is vetted here as it is read (reading.html), an episode's as episode.toml is read (config), and
again by what writes links out (the catalog, the chapters), so no page, feed, tag or chapter list ever holds a
javascript:, data: or vbscript: link, a relative one, or one a browser would read differently than it looks."""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

PUBLISHED_SCHEMES = ("http", "https", "mailto")
MAX_LINK_CHARS = 2048
"""Longer links are refused: the newsletter's longest is 166 characters, and 2,048 is what every client takes."""
AROUND = "".join(map(chr, range(0x21)))
"""C0 controls and space: a browser strips them from both ends of an href."""
INSIDE = {ord("\t"): None, ord("\n"): None, ord("\r"): None}
"""Tabs and line breaks: a browser drops them wherever they are ("java\\tscript:" is javascript:)."""
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
HOST = re.compile(r"[a-z0-9_.\-]+|[0-9a-f:.]+")
"""A host name (urlsplit gives it in lower case) or an IPv6 address."""
URI_SAFE = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in '"<>\\^`{|}')
"""What stays as written; anything else (spaces, non-ASCII) is percent-encoded as UTF-8, as a browser sends
it, so the link is plain ASCII wherever it goes (an ID3 WXXX frame takes only Latin-1)."""


def vet_link(target: str) -> tuple[str | None, str | None]:
    """(the link as published, None), or (None, why it is not published). The target is read as a browser
    reads an href, so that what is checked is what a click would follow."""
    link = target.strip(AROUND).translate(INSIDE)
    if not link:
        return None, "empty link"
    if len(link) > MAX_LINK_CHARS:
        return None, f"longer than {MAX_LINK_CHARS} characters"
    if CONTROL.search(link):
        return None, "holds control characters"
    scheme = SCHEME.match(link)
    if scheme is None:
        return None, "protocol-relative link" if link[:2] in ("//", "\\\\", "/\\", "\\/") else "relative link"
    name = scheme[1].lower()
    if name not in PUBLISHED_SCHEMES:
        return None, f"{name}: is not published (only {', '.join(PUBLISHED_SCHEMES)})"
    if name == "mailto":
        return (quote(link, safe=URI_SAFE), None) if "@" in link else (None, "mailto: link with no address")
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError as e:
        return None, f"does not parse ({e})"
    if not host:
        return None, f"{name}: link with no host"
    if not parts.netloc.isascii():
        user, at, rest = parts.netloc.rpartition("@")
        written, colon, port = rest.partition(":")
        try:
            ascii_host = written.encode("idna").decode("ascii")
        except UnicodeError:
            return None, f"host {written!r} is not a domain name"
        link = link.replace(parts.netloc, f"{user}{at}{ascii_host}{colon}{port}", 1)
        host = ascii_host.lower()
    if not HOST.fullmatch(host):
        return None, f"host {host!r} is not a domain name"
    return quote(link, safe=URI_SAFE), None


def published_link(target: str | None) -> str | None:
    """The link as published, or None when there is none or it is not published."""
    return vet_link(target)[0] if target else None
