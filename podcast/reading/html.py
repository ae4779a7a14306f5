"""Reader for the HTML of an issue (the email or web rendering), and for Markdown once rendered to HTML.

BeautifulSoup turns the page into blocks (headings, paragraphs, list items); the newsletter's conventions
then place each block: a paragraph opening with a title link and "(Authors) (summarized by X):" starts an
item, "X's opinion:" an opinion, "Read more:" and "Prerequisities:" are link lines, headings are sections,
and FEEDBACK / PODCAST headings or the mailing footer open the closing trailers.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace

from bs4 import BeautifulSoup, NavigableString, Tag

from ..links import vet_link
from .conventions import (LINK_LINE, OPINION, PARAGRAPH_HEADERS, TRAILER_OPENER, split_boilerplate,
                          split_names)
from .issue import Issue, Item, NestingError, Opinion, Skipped
from .sections import heading_title, is_top_level, is_trailer, known_heading

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAF_BLOCKS = HEADINGS | {"p", "pre", "dt", "dd", "figcaption", "caption"}
LIST_ITEM = "li"
UNSPOKEN = {"script", "style", "head", "title", "meta", "noscript", "template"}
STRONG = {"strong", "b"}
CONTAINERS = {"div", "td", "th", "tr", "tbody", "thead", "table", "blockquote", "section", "article", "main",
              "header", "footer", "aside", "center", "figure", "ul", "ol", "dl", "form"}
"""Elements that hold blocks, or are one block themselves when they hold only inline text (email layouts)."""
MAX_DEPTH = 100
"""Elements nested deeper are refused: an email's tables nest a few dozen deep at most, and the reading walks
the tree recursively (thousands of nested <div>s ended in a RecursionError)."""


def parse_html(html: str) -> BeautifulSoup:
    """The page's tree (BeautifulSoup builds it without recursing), refused past MAX_DEPTH."""
    soup = BeautifulSoup(html, "html.parser")
    depth = {id(soup): 0}
    for tag in soup.find_all(True):  # in document order: a tag's parent comes before it
        depth[id(tag)] = depth[id(tag.parent)] + 1
        if depth[id(tag)] > MAX_DEPTH:
            raise NestingError(f"its HTML nests elements more than {MAX_DEPTH} deep (<{tag.name}> inside "
                               f"{MAX_DEPTH} others); an issue's nest a few dozen at most")
    return soup


@dataclass(frozen=True)
class Block:
    """One block of the page, with its text as read (whitespace normalised)."""

    kind: str
    """heading, paragraph or list."""
    text: str
    level: int = 0
    """1-6 for headings."""
    url: str | None = None
    """The link the block opens with, if it opens with one (an item's title link)."""


def _text(node) -> str:
    return " ".join(node.get_text().split())


def _leading_link(node: Tag) -> str | None:
    """The href of the link a block starts with, looking through bold/italic wrappers."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.strip():
                return None
            continue
        if child.name == "a":
            return child.get("href")
        if child.name in STRONG | {"em", "i", "span"}:
            return _leading_link(child)
        return None
    return None


def _is_bold_heading(node: Tag) -> bool:
    """A paragraph that is only bold text naming a known or ALL-CAPS heading (email HTML without <h*>)."""
    children = [c for c in node.children if not (isinstance(c, NavigableString) and not c.strip())]
    text = _text(node)
    return (len(children) == 1 and getattr(children[0], "name", None) in STRONG
            and (known_heading(text) is not None or (text.isupper() and len(text.split()) <= 6)))


def blocks(html: str) -> list[Block]:
    """The page's blocks in reading order; inline text outside any block (email table cells) is a paragraph."""
    soup = parse_html(html)
    for br in soup.find_all("br"):
        br.replace_with(" ")
    for tag in soup.find_all(UNSPOKEN):
        tag.decompose()
    out: list[Block] = []
    _walk(soup.body or soup, out)
    return [b for b in out if b.text]


def _walk(node: Tag, out: list[Block]) -> None:
    inline: list = []

    def flush():
        if inline:
            text = " ".join(" ".join(_text(c) if isinstance(c, Tag) else str(c) for c in inline).split())
            first = next((c for c in inline if not (isinstance(c, NavigableString) and not c.strip())), None)
            url = first.get("href") if isinstance(first, Tag) and first.name == "a" else None
            out.append(Block("paragraph", text, url=url))
            inline.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__ is NavigableString:
                inline.append(child)
            continue
        if child.name in HEADINGS:
            flush()
            out.append(Block("heading", _text(child), level=int(child.name[1])))
        elif child.name in LEAF_BLOCKS:
            flush()
            if child.name == "p" and _is_bold_heading(child):
                out.append(Block("heading", _text(child), level=0))
            else:
                out.append(Block("paragraph", _text(child), url=_leading_link(child)))
        elif child.name == LIST_ITEM:
            flush()
            nested = [c for c in child.children if isinstance(c, Tag) and c.name in LEAF_BLOCKS | {"ul", "ol", "div"}]
            if nested:
                _walk(child, out)
            else:
                out.append(Block("list", _text(child)))
        elif child.name in {"hr", "img"}:
            continue
        elif child.name in CONTAINERS:
            flush()
            if _has_block_inside(child):
                _walk(child, out)
            else:
                out.append(Block("paragraph", _text(child), url=_leading_link(child)))
        else:
            inline.append(child)
    flush()


def _has_block_inside(node: Tag) -> bool:
    return node.find(list(LEAF_BLOCKS | HEADINGS | CONTAINERS | {LIST_ITEM})) is not None


@dataclass
class _Draft:
    """An item being read: the part new paragraphs go to is the summary, or the last opinion."""

    fields: dict
    paragraphs: list[str] = field(default_factory=list)
    opinions: list[tuple[str, list[str], str]] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)

    def add(self, text: str) -> None:
        (self.opinions[-1][1] if self.opinions else self.paragraphs).append(text)

    def item(self) -> Item:
        return Item(paragraphs=tuple(self.paragraphs),
                    opinions=tuple(Opinion(h, tuple(p), label) for h, p, label in self.opinions),
                    read_more=tuple(self.links.get("Read more", ())),
                    prerequisites=tuple(self.links.get("Prerequisities", []) + self.links.get("Prerequisites", [])),
                    **self.fields)


def _item_header(block: Block) -> dict | None:
    """The fields of an item, if the block opens one: "Title (Authors) (summarized by X):", or a title link
    followed by "(Authors)" alone (an item with no summary)."""
    if block.kind != "paragraph":
        return None
    with_summarizer, authors_only = PARAGRAPH_HEADERS
    m = with_summarizer.match(block.text) or (block.url and authors_only.match(block.text))
    if not m:
        return None
    authors = m["authors"][1:-1].strip() if m["authors"] else None
    summarizers = split_names(m.groupdict().get("summarizers") or "")
    return dict(title=m["title"].strip(), url=block.url, authors=authors or None, summarizers=summarizers,
                hat_tip=m["hat_tip"], rest=(m["rest"] or "").strip())


def _section(section: tuple[str, ...], block: Block) -> tuple[str, ...]:
    """The section path after a heading: top-level headings (and <h1>) start a path, others nest in it."""
    known = known_heading(block.text)
    name = heading_title(known) if known else block.text
    if block.level == 1 or (known and is_top_level(known)) or not section:
        return (name,)
    return (section[0], name)


def read_blocks(found: list[Block]) -> Issue:
    """Place each block of an issue: preface, items with their parts, section notes, skipped boilerplate."""
    items: list[Item] = []
    skipped: list[Skipped] = []
    refused: list[Skipped] = []
    preface: list[str] = []
    notes: list[str] = []
    section: tuple[str, ...] = ()
    draft: _Draft | None = None
    seen_heading = False
    trailer: list[str] = []
    for block in found:
        if trailer or _opens_trailers(block, after_items=draft is not None):
            trailer.append(block.text)
            continue
        if block.kind == "heading":
            seen_heading = True
            section = _section(section, block)
            continue
        header = _item_header(block)
        if header:
            if draft:
                items.append(draft.item())
            rest = header.pop("rest")
            header["url"] = _published(header["title"], header["url"], refused)
            draft = _Draft(dict(section=section, preamble=tuple(notes), **header))
            notes = []
            if rest:
                draft.add(rest)
            continue
        opinion = OPINION.match(block.text)
        link = LINK_LINE.match(block.text)
        if draft and opinion:
            text = block.text[opinion.end():].strip()
            draft.opinions.append((opinion["holder"], [text] if text else [], opinion["label"]))
        elif draft and link:
            draft.links.setdefault(link["label"], []).append(block.text[link.end():].strip())
        elif not items and not draft and not seen_heading:
            boiler, own = split_boilerplate(block.text)
            if boiler:
                skipped.append(Skipped("introduction", " ".join(boiler)))
            if own:
                preface.append(" ".join(own))
        elif notes or not draft or _opens_section_note(draft, section):
            notes.append(block.text)
        else:
            draft.add(block.text)
    if draft:
        items.append(draft.item())
    if notes:
        if items:
            span = " ".join(notes)
            warnings.warn(f"text after the last item could not be placed; spoken with it: {span[:80]!r}",
                          stacklevel=2)
            items[-1] = _appended(items[-1], tuple(notes))
        else:
            preface.extend(notes)
    if trailer:
        skipped.append(Skipped("closing trailers", " ".join(trailer)))
    return Issue(items=tuple(items), skipped=_merged(skipped) + tuple(refused), preface=tuple(preface))


def _published(title: str, href: str | None, refused: list[Skipped]) -> str | None:
    """An item's link as published; a link that is not (javascript:, relative...) is dropped, the title kept
    unlinked, and listed as skipped with the reason."""
    if href is None:
        return None
    link, problem = vet_link(href)
    if problem:
        refused.append(Skipped("refused link", f"{title}: {href!r}: {problem}"))
    return link


def _appended(item: Item, paragraphs: tuple[str, ...]) -> Item:
    """The item with paragraphs added to its last part (its last opinion, or its summary)."""
    if not item.opinions:
        return replace(item, paragraphs=item.paragraphs + paragraphs)
    last = item.opinions[-1]
    return replace(item, opinions=item.opinions[:-1] + (replace(last, paragraphs=last.paragraphs + paragraphs),))


def _merged(skipped: list[Skipped]) -> tuple[Skipped, ...]:
    """Consecutive skips for the same reason as one."""
    out: list[Skipped] = []
    for s in skipped:
        if out and out[-1].reason == s.reason:
            out[-1] = Skipped(s.reason, f"{out[-1].text} {s.text}")
        else:
            out.append(s)
    return tuple(out)


def _opens_trailers(block: Block, after_items: bool) -> bool:
    """A FEEDBACK / PODCAST heading, or after the items the mailing footer ("Copyright ©...")."""
    if block.kind == "heading":
        return is_trailer(block.text)
    return after_items and TRAILER_OPENER.match(block.text) is not None


def _opens_section_note(draft: _Draft, section: tuple[str, ...]) -> bool:
    """After a heading, text before the section's first item is a note on the section, not the last item's."""
    return draft.fields["section"] != section


def read_html(text: str) -> Issue:
    """Parse an issue's HTML."""
    return read_blocks(blocks(text))
