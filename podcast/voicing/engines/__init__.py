"""Text-to-speech engines behind one interface (base.Engine); a new engine is one new module here, with
`load(voice, options, threads)`, `check(voice, options)` and `voices()`, named in ENGINES."""
from __future__ import annotations

import importlib

from .base import Engine, VoiceInfo

ENGINES = ("hibari", "piper", "coqui", "espeak")
"""Engine names as voices/cast.toml spells them, each the name of its module here."""


def _module(name: str):
    if name not in ENGINES:
        raise LookupError(f"unknown engine {name!r} (engines: {', '.join(ENGINES)})")
    return importlib.import_module(f".{name}", __name__)


def check_voice(name: str, voice: str, options: tuple = ()) -> None:
    """Cheap check that a voice is installed and offline, without loading it; LookupError says how to install it."""
    _module(name).check(voice, dict(options))


def load_engine(name: str, voice: str, options: tuple = (), threads: int = 1) -> Engine:
    """Load an engine's voice with its settings ((key, value) pairs), synthesizing on `threads` CPU threads
    (which do not change the audio); LookupError names what is missing and how to install it."""
    return _module(name).load(voice, dict(options), threads)


def list_voices() -> list[VoiceInfo]:
    """Every engine's voices, installed or not."""
    return [info for name in ENGINES for info in _module(name).voices()]


__all__ = ["ENGINES", "Engine", "VoiceInfo", "check_voice", "list_voices", "load_engine"]
