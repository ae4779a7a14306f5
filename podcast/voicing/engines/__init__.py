"""Text-to-speech engines behind one interface (base.Engine); a new engine is one new module here."""
from __future__ import annotations

from .base import Engine


def load_engine(name: str, voice: str, threads: int = 1) -> Engine:
    """Load an engine's voice using `threads` CPU threads; LookupError names what is missing and how to
    install it."""
    if name == "hibari":
        from .hibari import HibariEngine

        return HibariEngine(voice=voice, threads=threads)
    raise LookupError(f"unknown engine {name!r} (available: hibari)")


__all__ = ["Engine", "load_engine"]
