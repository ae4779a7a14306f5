"""The engines by name, as voices/cast.toml spells them: which module and class each is, imported only when
used. Adding an engine is one new module beside this one with its Engine subclass, and one line in ENGINES."""
from __future__ import annotations

import importlib

from .base import Engine, VoiceInfo

ENGINES = {
    "hibari": "hibari:HibariEngine",
    "piper": "piper:PiperEngine",
    "coqui": "coqui:CoquiEngine",
    "espeak": "espeak:EspeakEngine",
}
"""Engine name as voices/cast.toml spells it -> "module:class" here (imported only when used)."""


def engine_class(name: str) -> type[Engine]:
    if name not in ENGINES:
        raise LookupError(f"unknown engine {name!r} (engines: {', '.join(ENGINES)})")
    module, cls = ENGINES[name].split(":")
    return getattr(importlib.import_module(f".{module}", __package__), cls)


def check_voice(name: str, voice: str, options: tuple = ()) -> None:
    """Cheap check that a voice is installed and offline, without loading it; LookupError says how to install it."""
    engine_class(name).check(voice, dict(options))


def load_engine(name: str, voice: str, options: tuple = (), threads: int = 1) -> Engine:
    """Load an engine's voice with its settings ((key, value) pairs), synthesizing on `threads` CPU threads
    (which do not change the audio); LookupError names what is missing and how to install it."""
    return engine_class(name).load(voice, dict(options), threads)


def list_voices() -> list[VoiceInfo]:
    """Every engine's voices, installed or not."""
    return [info for name in ENGINES for info in engine_class(name).describe()]

