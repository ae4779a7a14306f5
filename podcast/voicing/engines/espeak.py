"""espeak-ng, the system's formant voice (Debian package espeak-ng): tiny and fast, robotic but clear.

cast.toml: `voice = "en-us"` (any language name `espeak-ng --voices` lists). Settings: `speed` (words per
minute, default 175) and `pitch` (0-99, default 50). Its output is deterministic."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import ClassVar

import numpy as np

from .base import Engine, VoiceInfo, unknown_settings

SETTINGS = {"speed", "pitch"}
SAMPLE_RATE = 22050
INSTALL = "espeak-ng is not installed: apt-get install espeak-ng"


@dataclass
class EspeakEngine(Engine):
    name: ClassVar[str] = "espeak"
    voice: str = "en-us"
    speed: int = 175
    pitch: int = 50
    sample_rate: int = field(default=SAMPLE_RATE, init=False)

    @property
    def identity(self) -> str:
        return f"{_version()} voice={self.voice} speed={self.speed} pitch={self.pitch}"

    def speak(self, sentence: str) -> np.ndarray:
        with tempfile.TemporaryDirectory(prefix="podcast-espeak-") as tmp:
            out = Path(tmp) / "sentence.wav"
            subprocess.run([_binary(), "-v", self.voice, "-s", str(self.speed), "-p", str(self.pitch), "-w", str(out),
                            "--", sentence], check=True, capture_output=True)
            with wave.open(str(out)) as w:
                if w.getframerate() != self.sample_rate or w.getsampwidth() != 2:
                    raise RuntimeError(f"espeak-ng wrote {w.getframerate()} Hz, {8 * w.getsampwidth()}-bit audio")
                return np.frombuffer(w.readframes(w.getnframes()), "<i2")

    @classmethod
    def check(cls, voice: str, options: dict) -> None:
        unknown_settings("espeak", options, SETTINGS)
        for key, value in options.items():
            if not isinstance(value, int):
                raise LookupError(f"espeak setting {key!r} should be a whole number")
        known = _voices()
        if voice not in known:
            raise LookupError(f"espeak-ng has no English voice {voice!r} (voices: {', '.join(known)})")

    @classmethod
    def load(cls, voice: str, options: dict, threads: int = 1) -> EspeakEngine:
        cls.check(voice, options)
        return cls(voice=voice, **options)

    @classmethod
    def describe(cls) -> list[VoiceInfo]:
        try:
            known = _voices()
        except LookupError as e:
            return [VoiceInfo("espeak", "en-us", False, True, SAMPLE_RATE, str(e))]
        return [VoiceInfo("espeak", voice, True, True, SAMPLE_RATE, what) for voice, what in known.items()]


def _binary() -> str:
    path = shutil.which("espeak-ng")
    if path is None:
        raise LookupError(INSTALL)
    return path


@cache
def _version() -> str:
    """e.g. "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/...": version and voice data both matter."""
    return " ".join(subprocess.run([_binary(), "--version"], capture_output=True, text=True, check=True).stdout.split())


def _voices() -> dict[str, str]:
    """English voice name -> its description, from `espeak-ng --voices=en` (without variants, and mbrola
    voices, which need extra packages)."""
    out = subprocess.run([_binary(), "--voices=en"], capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 5 and not cols[4].startswith(("mb/", "!v/")):
            found.setdefault(cols[1], cols[3].replace("_", " "))
    return found

