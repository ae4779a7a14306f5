"""Reader for the flattened plain text of an issue (the email copied as text: no markup, no line breaks).

With no line breaks, structure comes from the newsletter's own conventions: an item is announced by
"Title (Authors) (summarized by X):", sections by ALL-CAPS headings, opinions by "X's opinion:", and the
closing trailers by their headings (FEEDBACK, PODCAST).
"""
from __future__ import annotations

import re
import warnings

from .issue import Issue, Item, Opinion, Skipped
from .sections import SUBSECTIONS, TOP_LEVEL, TRAILERS, heading_title, is_top_level, is_trailer

ITEM_HEADER = re.compile(r"\((?P<authors>[^()]+)\)\s*\(summarized by (?P<summarizers>[^()]+)\)\s*:")
READ_MORE = re.compile(r"\s*Read more:\s*(?P<text>.*)$")
OPINION = re.compile(r"(?<![\w'’])(?P<holder>[A-Z][a-z]+)['’]s opinion:")
SENTENCE_END = re.compile(r"[.!?][\"”')\]]*\s+")
CAPS_WORD = re.compile(r"^\(?[A-Z0-9][A-Z0-9&/\-']+\)?$")
KNOWN_HEADINGS = sorted({*TOP_LEVEL, *SUBSECTIONS, *TRAILERS}, key=lambda h: -len(h.split()))


def _split_names(names: str) -> tuple[str, ...]:
    """'Rohin and Asya' or 'Rohin, Asya' -> ('Rohin', 'Asya')."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", names.strip())
    return tuple(p.strip() for p in parts if p.strip())


def _parse_headings(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a run of capitalised words into known headings, and the words left over after the last one."""
    headings, i = [], 0
    while i < len(words):
        for known in KNOWN_HEADINGS:
            n = len(known.split())
            if " ".join(words[i:i + n]) == known:
                headings.append(known)
                i += n
                break
        else:
            break
    return headings, words[i:]


def _heading_run(region: str) -> tuple[int, int, list[str]] | None:
    """The run of headings that ends a region before an item's title: (start, end, headings), if any.

    A run starts at a sentence boundary (or the region's start), is made of ALL-CAPS words of two letters or
    more, and is followed by the title only (no further full stop)."""
    floor = _title_start(region)
    starts = [floor] + [m.end() for m in SENTENCE_END.finditer(region) if m.end() > floor]
    for start in reversed(starts):
        tail = region[start:]
        words = tail.split()
        n = 0
        while n < len(words) and CAPS_WORD.match(words[n]) and not words[n].endswith(":"):
            n += 1
        if n == 0:
            continue
        headings, rest = _parse_headings(words[:n])
        if rest and not headings:
            # An unknown heading: take the whole caps run, unless the title itself starts with it.
            if n == len(words) or not words[n][:1].isupper():
                return None
            headings = [" ".join(words[:n])]
            warnings.warn(f"unknown section heading {headings[0]!r}", stacklevel=2)
            rest = []
        consumed = len(words[:n]) - len(rest)
        end = start + _offset_after_words(tail, consumed)
        return start, end, headings
    return None


def _offset_after_words(text: str, count: int) -> int:
    """Character offset just after the first `count` whitespace-separated words of text (and the space)."""
    pos = 0
    for _ in range(count):
        m = re.compile(r"\s*\S+\s*").match(text, pos)
        pos = m.end()
    return pos


def _title_start(region: str) -> int:
    """Where the item's title starts in a region with no heading run: after the last full stop, and back over
    earlier "?" or "!" only while the words before them read as a title (Title Case)."""
    bounds = [m for m in SENTENCE_END.finditer(region)]
    if not bounds:
        return 0
    start_i = len(bounds) - 1
    while start_i >= 0 and region[bounds[start_i].start()] != ".":
        start_i -= 1
    if start_i < 0:
        return bounds[-1].end() if _title_like(region[: bounds[-1].start()]) is False else 0
    return bounds[start_i].end()


def _title_like(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _split_region(region: str) -> tuple[str, list[str], str]:
    """Text before an item header -> (end of the previous part, headings, title)."""
    run = _heading_run(region)
    if run:
        start, end, headings = run
        return region[:start], headings, region[end:]
    cut = _title_start(region)
    return region[:cut], [], region[cut:]


def _split_body(body: str) -> tuple[tuple[str, ...], tuple[Opinion, ...], tuple[str, ...]]:
    """An item's text -> (summary paragraphs, opinions, read-more links)."""
    marks = list(OPINION.finditer(body))
    summary = body[: marks[0].start()] if marks else body
    read_more = READ_MORE.search(summary)
    if read_more:
        summary = summary[: read_more.start()]
    opinions = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        text = body[m.end():end].strip()
        opinions.append(Opinion(holder=m["holder"], paragraphs=(text,) if text else ()))
    summary = summary.strip()
    links = (read_more["text"].strip(),) if read_more else ()
    return ((summary,) if summary else ()), tuple(opinions), links


def _trailer_start(text: str) -> int:
    """Offset of the first trailer heading (FEEDBACK, PODCAST...) at a sentence boundary, or len(text)."""
    for m in SENTENCE_END.finditer(text):
        words = text[m.end():].split()
        headings, _ = _parse_headings(words[:4])
        if headings and is_trailer(headings[0]):
            return m.end()
    return len(text)


def read_plaintext(text: str) -> Issue:
    """Parse a flattened issue into items, sections and skipped boilerplate."""
    text = " ".join(text.split())
    headers = list(ITEM_HEADER.finditer(text))
    items: list[Item] = []
    skipped: list[Skipped] = []
    section: tuple[str, ...] = ()
    pending: dict | None = None
    cursor = 0
    for m in headers:
        before, headings, title = _split_region(text[cursor:m.start()])
        if pending is None:
            if before.strip():
                skipped.append(Skipped("introduction", before.strip()))
        else:
            items.append(_item(pending, before))
        for heading in headings:
            name = heading_title(heading)
            section = (name,) if is_top_level(heading) or not section else (section[0], name)
        pending = dict(title=title.strip(), authors=m["authors"].strip(),
                       summarizers=_split_names(m["summarizers"]), section=section)
        cursor = m.end()
    if pending is None:
        return Issue(items=(), skipped=(Skipped("no items", text),) if text else ())
    rest = text[cursor:]
    end = _trailer_start(rest)
    items.append(_item(pending, rest[:end]))
    if rest[end:].strip():
        skipped.append(Skipped("closing trailers", rest[end:].strip()))
    return Issue(items=tuple(items), skipped=tuple(skipped))


def _item(fields: dict, body: str) -> Item:
    paragraphs, opinions, read_more = _split_body(body)
    return Item(url=None, paragraphs=paragraphs, opinions=opinions, read_more=read_more, **fields)
