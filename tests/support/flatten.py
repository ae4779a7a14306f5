"""Flattened renderings of the Markdown corpus issues: each issue as its email's text looks when copied,
laid out like an-099.txt (the one issue that arrived that way).

What an-099.txt shows of that layout, and this reproduces: one line; every run of text (a link's text, a
bold or italic phrase) joined to its neighbours by one space, so a link before a full stop reads
"resources here ." and a linked reference "( AN #7 )"; list items open with "- ", numbered ones with
"1. ", "2. "...; headings, paragraphs and link lines ("Read more: ...") run on with no break; images and
rules leave nothing. Rendering goes through the `markdown` library and BeautifulSoup directly, not through
the project's reader, so the readers are tested on text they did not make.

    python -m tests.flatten            # rewrite tests/corpus/an/flat/an-NNN.txt from the Markdown
    python -m tests.flatten --check    # exit 1 if a checked-in rendering differs from a fresh one
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import markdown
from bs4 import BeautifulSoup, NavigableString, Tag

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "an"
FLAT = CORPUS / "flat"
NOT_A_TAG = re.compile(r"<(?![a-zA-Z/!])|<(?=[a-z]+ [A-Z])")
"""A "<" that a mail client shows as text ("<property X>") rather than as markup."""


def _pieces(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__ is NavigableString:
                out.append(str(child))
            continue
        if child.name in {"img", "hr", "script", "style"}:
            continue
        if child.name == "li":
            parent = child.parent
            if parent is not None and parent.name == "ol":
                start = int(parent.get("start", 1))
                out.append(f"{start + parent.find_all('li', recursive=False).index(child)}.")
            else:
                out.append("-")
        _pieces(child, out)


def flatten(md_text: str) -> str:
    """The Markdown of an issue -> its copied email text, on one line."""
    html = markdown.markdown(NOT_A_TAG.sub("&lt;", md_text), output_format="html")
    pieces: list[str] = []
    _pieces(BeautifulSoup(html, "html.parser"), pieces)
    return " ".join(" ".join(pieces).split()) + "\n"


def flat_path(md_path: Path) -> Path:
    return FLAT / f"{md_path.stem}.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    FLAT.mkdir(exist_ok=True)
    stale = []
    for md_path in sorted(CORPUS.glob("an-*.md")):
        text = flatten(md_path.read_text(encoding="utf-8"))
        target = flat_path(md_path)
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print(f"stale flattened renderings (run python -m tests.flatten): {', '.join(stale)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
