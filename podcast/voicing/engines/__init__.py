"""Text-to-speech engines behind one contract (base.Engine), found by name in registry.py."""
from __future__ import annotations

from .base import AudioChunk, Engine, VoiceInfo
from .registry import ENGINES, check_voice, engine_class, list_voices, load_engine

__all__ = ["ENGINES", "AudioChunk", "Engine", "VoiceInfo", "check_voice", "engine_class", "list_voices",
           "load_engine"]
