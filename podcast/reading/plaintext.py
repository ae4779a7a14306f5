"""Reader for the flattened plain text of an issue (the email copied as text: no markup, no line breaks).

With no line breaks, structure comes from the newsletter's own conventions: an item is announced by
"Title (Authors) (summarized by X):" (or, with no summary, by "Title (Authors)" right before a section
heading), sections by their headings (ALL CAPS, or the known headings in sentence case), opinions by
"X's opinion:", and the closing trailers by their headings (FEEDBACK, PODCAST) or the mailing footer.
The generic Markdown and HTML libraries have nothing to parse here, hence the hand-written rules.
"""
from __future__ import annotations

import re
import warnings
from difflib import SequenceMatcher

from .conventions import LINK_LINE, OPINION, SENTENCE_END, TRAILER_OPENER, split_boilerplate, split_names
from .issue import Issue, Item, Opinion, Skipped
from .sections import KNOWN, heading_title, is_top_level, is_trailer, known_heading

ITEM_HEADER = re.compile(r"(?:\((?P<authors>[^()]+)\)\s*)?\((?i:summari[sz]ed by) (?P<summarizers>[^()]+)\)\s*"
                         r"(?:\(H/T (?P<hat_tip>[^()]+)\)\s*)?(?::|(?=[A-Z\"“‘'(]))")
"""An item's header: "(Authors) (summarized by X) (H/T Y):", also with "Summarized" or "summarised", and with no
colon when the summary follows at once (a sentence's capital): such an item was read into the one before it."""
BARE_HEADER = re.compile(r"\((?P<authors>[^()]+)\)(?=\s+\S)")
"""An item with no summary: "Title (Authors)" followed directly by a section heading."""
CAPS_WORD = re.compile(r"^\(?[A-Z0-9][A-Z0-9&/\-']+\)?$")
NAME_PARTICLES = {"and", "et", "al", "de", "van", "von", "der", "da", "di", "le", "la"}
LONGEST_HEADING_WORDS = max(len(h.split()) for h in KNOWN)


def _parse_headings(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a run of words into known headings (upper case), and the words left over after the last one."""
    headings, i = [], 0
    while i < len(words):
        for n in range(min(LONGEST_HEADING_WORDS, len(words) - i), 0, -1):
            known = known_heading(" ".join(words[i:i + n]))
            if known:
                headings.append(known)
                i += n
                break
        else:
            break
    return headings, words[i:]


def _heading_run(region: str) -> tuple[int, int, list[str]] | None:
    """The run of headings that ends a region before an item's title: (start, end, headings), if any.

    A run starts at a sentence boundary (or the region's start) and is followed by the title only (no further
    full stop): known headings in any case, or ALL-CAPS words of two letters or more."""
    floor = _title_start(region)
    starts = [floor] + [m.end() for m in SENTENCE_END.finditer(region) if m.end() > floor]
    for start in reversed(starts):
        tail = region[start:]
        words = tail.split()
        headings, rest = _parse_headings(words)
        if headings and rest and rest[0][:1].isupper():
            return start, start + _offset_after_words(tail, len(words) - len(rest)), headings
        n = 0
        while n < len(words) and CAPS_WORD.match(words[n]) and not words[n].endswith(":"):
            n += 1
        if n == 0:
            continue
        headings, rest = _parse_headings(words[:n])
        if rest and not headings:
            # An unknown heading: take the whole caps run, unless the title itself starts with it.
            if n == len(words) or not words[n][:1].isupper() or n < 2:
                return None
            headings = [" ".join(words[:n])]
            warnings.warn(f"unknown section heading {headings[0]!r}", stacklevel=2)
            rest = []
        consumed = len(words[:n]) - len(rest)
        return start, start + _offset_after_words(tail, consumed), headings
    return None


def _offset_after_words(text: str, count: int) -> int:
    """Character offset just after the first `count` whitespace-separated words of text (and the space)."""
    pos = 0
    for _ in range(count):
        pos = re.compile(r"\s*\S+\s*").match(text, pos).end()
    return pos


def _title_start(region: str) -> int:
    """Where the item's title starts in a region with no heading run: after the last full stop, or after a
    later "?" or "!" whose sentence does not read as a title (Title Case). A stop that ends the region ends
    the title itself ("...researchers to address."), and one followed by a lower-case word ends no sentence."""
    bounds = [m for m in SENTENCE_END.finditer(region) if m.end() < len(region.rstrip()) + 1 and region[m.end():].strip()
              and not region[m.end()].islower()]  # "Learning human? objectives...": no sentence starts in lower case
    for i in range(len(bounds) - 1, -1, -1):
        if region[bounds[i].start()] == ".":
            return bounds[i].end()
        previous = bounds[i - 1].end() if i else 0
        if not _title_like(region[previous:bounds[i].start()]):
            return bounds[i].end()
    return 0


def _title_like(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _caps_heading_run(region: str) -> tuple[int, int, list[str]] | None:
    """Known ALL-CAPS headings that follow text with no full stop (a list's last line) and precede the title."""
    words = region.split()
    for i in range(len(words)):
        if not words[i].isupper():
            continue
        headings, rest = _parse_headings(words[i:])
        if headings and rest and rest[0][:1].isupper() and all(h in " ".join(words[i:]) for h in headings):
            start = _offset_after_words(region, i)
            return start, start + _offset_after_words(region[start:], len(words) - i - len(rest)), headings
    return None


def _split_region(region: str, previous_title: str = "", after: str = "") -> tuple[str, list[str], str]:
    """Text before an item header -> (end of the previous part, headings, title).

    previous_title and after (the text of the item this header opens) tell a link line's text from the
    title that follows it (link_and_title)."""
    run = _heading_run(region) or _caps_heading_run(region)
    if run:
        start, end, headings = run
        before, title = region[:start], region[end:]
    else:
        cut = _title_start(region)
        before, headings, title = region[:cut], [], region[cut:]
    link = LINK_LINE.search(title)
    if link and not headings:
        words = title[link.end():].split()
        for i in range(1, len(words)):
            found, rest = _parse_headings(words[i:])
            if found and rest and rest[0][:1].isupper():
                cut = link.end() + _offset_after_words(title[link.end():], i)
                end = cut + _offset_after_words(title[cut:], len(words) - i - len(rest))
                return before + title[:cut], found, title[end:]
        label, own = link_and_title(title[link.end():], _vocabulary(f"{previous_title} {before} {title[:link.start()]}"),
                                    _vocabulary(after), previous_title)
        if own:
            return before + title[:link.end()] + label + " ", headings, own
    if link:
        warnings.warn(f"cannot tell where the link line ends and the title begins in {title.strip()!r}; "
                      "read as the title", stacklevel=2)
    return before, headings, title


LINK_LABEL = re.compile(r"^(?:(?:arXiv )?paper|blog post|post|website|the paper's website|video|podcast|"
                        r"talk|slides|code|github|fli podcast|transcript|[A-Za-z]+ podcast)\s*:?\s*", re.IGNORECASE)
REPEATS_TITLE = 0.9
"""Similarity (difflib's ratio) at which a link's text counts as repeating the previous title ("Behavior" for
"behaviours", "Is" for "is")."""
STOPWORDS = {"a", "an", "the", "of", "for", "and", "in", "on", "to", "with", "by", "via", "is", "are", "from",
             "at", "as", "how", "what", "why", "we", "can", "do", "does", "be", "that", "this", "it", "or", "not"}


OPENERS = {"does", "do", "did", "can", "could", "is", "are", "was", "should", "would", "will", "why", "how", "what",
           "when", "which", "who", "where", "a", "an", "the"}
"""Words that open a title ("Does Adaptive Online Planning Help...?", "The Case for...") and never end a link's text:
a link line is not cut right after one (cohesion has nothing to say about them, and of equal cuts the latest
won, leaving "Does" in the link)."""


def _vocabulary(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}


def link_and_title(run: str, before_words: set[str], after_words: set[str], previous_title: str = ""
                   ) -> tuple[str, str]:
    """A link line's text run on into the next item's title ("Paper: Leveraging Procedural Generation to
    Benchmark Reinforcement Learning Adaptive Online Planning for Continual Lifelong Learning") -> (link
    text, title). Flattening leaves no mark between them, so the cut is found as a person would: after the
    previous item's own title when the link repeats it ("Paper: <that title>"), else where the words stop
    being the previous item's and start being the next one's (lexical cohesion, as in TextTiling; of equal
    cuts the latest, since a word both items use usually ends the link text); the cut is always before a
    capitalised word. ("", run) when no cut fits."""
    words = run.split()
    starts = [i for i in range(1, len(words)) if (words[i][:1].isupper() or words[i][:1] in "(\"“'0123456789")
              and words[i - 1].lower() not in OPENERS]
    if not starts:
        return "", run
    label = LINK_LABEL.match(run)
    offset = len(label[0].split()) if label and label[0].strip() else 0
    if previous_title:
        said = " ".join(re.findall(r"\w+", previous_title.lower()))
        close = [(SequenceMatcher(None, said, " ".join(re.findall(r"\w+", " ".join(words[offset:i]).lower()))).ratio(), i)
                 for i in starts if i > offset]
        if close and max(close)[0] >= REPEATS_TITLE:
            best = max(close)[1]
            return " ".join(words[:best]), " ".join(words[best:])
    scores = []
    for i in starts:
        if i <= offset:
            continue
        head, tail = words[:i], words[i:]
        score = sum((w in before_words) - (w in after_words) for w in _vocabulary(" ".join(head[offset:])))
        score += sum((w in after_words) - (w in before_words) for w in _vocabulary(" ".join(tail)))
        scores.append((score, i))
    if not scores:
        return "", run
    best = max(scores)[1]
    return " ".join(words[:best]), " ".join(words[best:])


def _section_note(text: str) -> tuple[str, list[str], str]:
    """An item's text -> (its own text, a section heading inside it, the note that follows the heading).

    A heading followed by sentences rather than a title ("... results. Previous newsletters In last week's
    email, ...") opens a note on the new section; only ALL-CAPS or several-word headings count, since a
    one-word heading in sentence case ("Robustness.") is also an ordinary sentence start."""
    for start in [0] + [m.end() for m in SENTENCE_END.finditer(text)]:
        words = text[start:].split(maxsplit=LONGEST_HEADING_WORDS + 1)
        headings, rest = _parse_headings(words[:LONGEST_HEADING_WORDS + 1])
        if not headings or is_trailer(headings[0]) or not rest or not rest[0][:1].isupper():
            continue
        written = text[start:].split()[: len(words[:LONGEST_HEADING_WORDS + 1]) - len(rest)]
        if " ".join(written).isupper() or len(written) > 1:
            end = start + _offset_after_words(text[start:], len(written))
            return text[:start], headings, text[end:].strip()
    return text, [], ""


def _take_links(text: str) -> tuple[str, dict[str, list[str]]]:
    """Cut "Prerequisities: ..." and "Read more: ..." lines off the end of a part: (text, label -> links)."""
    marks = list(LINK_LINE.finditer(text))
    links: dict[str, list[str]] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        links.setdefault(m["label"], []).append(text[m.end():end].strip())
    return (text[: marks[0].start()] if marks else text).strip(), links


def _split_body(body: str) -> dict:
    """An item's text -> its summary paragraphs, opinions and link lines."""
    marks = list(OPINION.finditer(body))
    summary, links = _take_links(body[: marks[0].start()] if marks else body)
    opinions = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        text, more = _take_links(body[m.end():end])
        for label, found in more.items():
            links.setdefault(label, []).extend(found)
        opinions.append(Opinion(holder=m["holder"], paragraphs=(text,) if text else (), label=m["label"]))
    return dict(paragraphs=(summary,) if summary else (), opinions=tuple(opinions),
                read_more=tuple(links.get("Read more", ())),
                prerequisites=tuple(links.get("Prerequisities", []) + links.get("Prerequisites", [])))


def _trailer_start(text: str) -> int:
    """Offset of the first trailer heading (FEEDBACK, PODCAST...) or mailing footer at a sentence boundary."""
    for m in SENTENCE_END.finditer(text):
        after = text[m.end():]
        headings, _ = _parse_headings(after.split()[:4])
        if (headings and is_trailer(headings[0])) or TRAILER_OPENER.match(after):
            return m.end()
    return len(text)


def _headers(text: str) -> list[re.Match]:
    """Item headers in order: with a summarizer, and summary-less ones ("Title (Authors)") that a section
    heading or another item's title follows."""
    found = list(ITEM_HEADER.finditer(text))
    for m in BARE_HEADER.finditer(text):
        if (any(h.start() <= m.start() < h.end() for h in found) or not _names_like(m["authors"])
                or _ends_heading(text[:m.end()])):
            continue
        headings, rest = _parse_headings(text[m.end():].split()[:LONGEST_HEADING_WORDS + 1])
        if (headings and rest and rest[0][:1].isupper() and not is_trailer(headings[0])) or _title_follows(text, m.end(), found):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def _ends_heading(text: str) -> bool:
    """Whether text ends with a known heading ("Miscellaneous (Alignment)": a parenthesis, not authors)."""
    words = text.split()[-LONGEST_HEADING_WORDS:]
    return any(known_heading(" ".join(words[i:])) for i in range(len(words)))


def _title_follows(text: str, end: int, headers: list[re.Match]) -> bool:
    """Whether what follows a parenthesis is the next item's title: capitalised, running to the next item
    header with no sentence end on the way."""
    after = next((h for h in headers if h.start() >= end), None)
    between = text[end:after.start()] if after else ""
    return bool(after and between.strip()[:1].isupper() and len(between) <= 400
                and not SENTENCE_END.search(between.strip()))


def _names_like(text: str) -> bool:
    """Whether a parenthesis reads as a list of authors ("Lucas Perry and Robert de Neufville")."""
    words = text.replace(",", " ").split()
    return (0 < len(words) <= 15 and not text.isupper() and not text.rstrip().endswith((".", "!", "?"))
            and (len(words) == 1 or all(w[:1].isupper() or w in NAME_PARTICLES for w in words)))


def _opening(text: str) -> tuple[tuple[str, ...], list[Skipped]]:
    """Text before the first item -> (the editor's preface, the skipped boilerplate)."""
    boiler, own = split_boilerplate(text)
    skipped = [Skipped("introduction", " ".join(boiler))] if boiler else []
    return ((" ".join(own),) if own else ()), skipped


def read_plaintext(text: str) -> Issue:
    """Parse a flattened issue into its preface, items, sections and skipped boilerplate."""
    text = " ".join(text.split())
    items: list[Item] = []
    skipped: list[Skipped] = []
    preface: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    pending: dict | None = None
    cursor = 0
    headers = _headers(text)
    for n, m in enumerate(headers):
        after = text[m.end(): headers[n + 1].start() if n + 1 < len(headers) else len(text)]
        before, headings, title = _split_region(text[cursor:m.start()], pending["title"] if pending else "", after)
        note = ""
        if pending is None:
            preface, skipped = _opening(before)
        else:
            before, note_headings, note = _section_note(before)
            items.append(_item(pending, before))
            headings = note_headings + headings
        for heading in headings:
            name = heading_title(heading)
            section = (name,) if is_top_level(heading) or not section else (section[0], name)
        pending = dict(title=title.strip(), authors=(m["authors"] or "").strip() or None,
                       summarizers=split_names(m.groupdict().get("summarizers") or ""),
                       hat_tip=m.groupdict().get("hat_tip"), section=section, preamble=(note,) if note else ())
        cursor = m.end()
    rest = text[cursor:]
    end = _trailer_start(rest)
    if pending is None:
        preface, skipped = _opening(rest[:end])
    else:
        items.append(_item(pending, rest[:end]))
    if rest[end:].strip():
        skipped.append(Skipped("closing trailers", rest[end:].strip()))
    return Issue(items=tuple(items), skipped=tuple(skipped), preface=preface)


def _item(fields: dict, body: str) -> Item:
    return Item(url=None, **_split_body(body), **fields)
