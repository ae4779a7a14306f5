"""Sentence splitting for engines that have no splitter of their own (pysbd, the one Coqui uses)."""
from __future__ import annotations

from functools import cache


@cache
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """English text -> its sentences, stripped, without empty ones."""
    return [s.strip() for s in _segmenter().segment(text) if s.strip()]
