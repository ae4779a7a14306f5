"""Issue -> Script: the order of speech, what each segment says and which role speaks it."""
from __future__ import annotations

import re
from dataclasses import replace

from slugify import slugify

from ..config import EpisodeMeta, Show
from ..reading import Issue, Item, Skipped
from .disclosure import statement_segment
from .ear import to_speech
from .segment import Script, Segment, SegmentKind

TITLE_PREFIX = re.compile(r"^\s*\[?AN\s*#\s*\d+\]?\s*:?\s*")
SLUG_WORDS = 6


def episode_subtitle(meta: EpisodeMeta) -> str:
    """"AN #99: Doubling times..." -> "Doubling times..."."""
    return TITLE_PREFIX.sub("", meta.title).strip() or meta.title


def _slug(title: str) -> str:
    return "-".join(slugify(title).split("-")[:SLUG_WORDS]) or "item"


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _sentence(text: str) -> str:
    """End a paragraph or list line with a full stop when it has no closing punctuation, so it is said as one."""
    text = text.strip()
    return text if not text or text.rstrip("\"”’')]*")[-1:] in tuple(".!?:;…") else text + "."


def _paragraphs(paragraphs) -> str:
    return " ".join(_sentence(p) for p in paragraphs)


def _authors(authors: str | None) -> str:
    if not authors:
        return ""
    return "By " + re.sub(r"\s+et al\.?$", " and others", authors.strip()) + "."


def _names(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _opinion_label(opinion) -> str:
    """"Rohin's opinion", "Nicholas' opinion": as the issue wrote it."""
    return opinion.label or f"{opinion.holder}'s opinion"


def item_announcement(item: Item) -> str:
    """Title, authors and summarizers, as the narrator announced each item. The header's "(summarized by X)"
    is said as a byline, "Summary by X.": "summarized by" runs together when spoken (its d is swallowed by
    the b), and a recognizer hears hibari's reading of it as "summarize spiral" or "summer I aced by"."""
    parts = [_sentence(item.title), _authors(item.authors)]
    if item.summarizers:
        parts.append(f"Summary by {_names(item.summarizers)}.")
    if item.hat_tip:
        parts.append(f"Hat tip to {item.hat_tip}.")
    return " ".join(p for p in parts if p)


def _item_kind(item: Item) -> SegmentKind:
    return SegmentKind.HIGHLIGHT if item.is_highlight else SegmentKind.NEWS if item.is_news else SegmentKind.SUMMARY


def write_script(issue: Issue, meta: EpisodeMeta, show: Show) -> Script:
    """The spoken script of one issue: opening (the intro, the statement of who reads the episode, worded for the
    synthetic voice until the takes are known, and the preface), per item its section heading (when it changes),
    summary and opinions, then the closing. The skipped list holds the reader's boilerplate, the items' link lines, and
    what the ear took out (URLs, cross-references, footnote markers, long equations)."""
    taken: list[Skipped] = []

    def for_the_ear(text: str) -> str:
        speech = to_speech(text)
        taken.extend(speech.skipped)
        return speech.text

    number = f"{meta.number:03d}"
    opening = f"Opening: {episode_subtitle(meta)}"
    segments = [Segment(
        id=f"{number}-00-intro", kind=SegmentKind.INTRO, chapter=opening, chapter_index=0, role="narrator",
        chapter_url=meta.link,
        text=for_the_ear(f"This is the {show.title}, issue {meta.number}: {_sentence(episode_subtitle(meta))} "
                 f"Published {meta.date:%B} {_ordinal(meta.date.day)}, {meta.date.year}."),
    )]
    if show.disclosure.audio:
        segments.append(statement_segment(meta.number, show, opening, meta.link))
    if issue.preface:
        segments.append(Segment(id=f"{number}-00-preface", kind=SegmentKind.PREFACE, chapter=opening, chapter_index=0,
                                role="narrator", chapter_url=meta.link, text=for_the_ear(_paragraphs(issue.preface))))
    section: tuple[str, ...] = ()
    for pos, item in enumerate(issue.items, start=1):
        base = f"{number}-{pos:02d}-{_slug(item.title)}"
        chapter = dict(chapter=item.title, chapter_index=pos, chapter_url=item.url)
        if item.section != section or item.preamble:
            changed = [name for i, name in enumerate(item.section) if section[i:i + 1] != (name,)]
            segments.append(Segment(id=f"{base}-section", kind=SegmentKind.SECTION, role="section",
                                    text=for_the_ear(_paragraphs([*changed, *item.preamble])), **chapter))
            section = item.section
        summary = " ".join([item_announcement(item), _paragraphs(item.paragraphs)])
        segments.append(Segment(id=f"{base}-summary", kind=_item_kind(item), role="narrator",
                                text=for_the_ear(summary), **chapter))
        holders: dict[str, int] = {}
        for opinion in (replace(o, paragraphs=tuple(map(_sentence, o.paragraphs))) for o in item.opinions):
            holders[opinion.holder] = holders.get(opinion.holder, 0) + 1
            suffix = slugify(opinion.holder) + ("" if holders[opinion.holder] == 1 else f"-{holders[opinion.holder]}")
            segments.append(Segment(id=f"{base}-opinion-{suffix}", kind=SegmentKind.OPINION,
                                    role=f"opinion:{opinion.holder}",
                                    text=for_the_ear(" ".join([f"{_opinion_label(opinion)}.", *opinion.paragraphs])),
                                    **chapter))
    segments.append(Segment(
        id=f"{number}-99-outro", kind=SegmentKind.OUTRO, chapter="Closing", chapter_index=len(issue.items) + 1,
        role="narrator", chapter_url=meta.link,
        text=for_the_ear(f"That was issue {meta.number} of the {show.title}. Each chapter links to the paper it "
                 f"summarizes, and the show notes list them all. Thanks for listening."),
    ))
    links = tuple(Skipped(reason, f"{label}: {link}") for item in issue.items
                  for reason, label, found in (("read-more link", "Read more", item.read_more),
                                               ("prerequisites link", "Prerequisities", item.prerequisites))
                  for link in found)
    return Script(segments=tuple(segments), skipped=issue.skipped + links + tuple(taken))
