"""The cast (voices/cast.toml): which engine and voice speaks each role.

Roles are who speaks each segment (Segment.role): narrator, section, quote, opinion, and "opinion:NAME" for the opinions
of one person. A role not in the cast falls back to its general role ("opinion:Rohin" -> "opinion"), then to
the narrator. Settings beside engine and voice go to the engine; paths among them are relative to voices/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError, PodcastError
from ..tomlfile import read_toml
from .engines import check_voice

DEFAULT_NARRATOR = ("hibari", "heart")
PATH_SETTINGS = {"model_path", "config_path", "speaker_wav"}
"""Settings that name files, resolved against the cast's folder."""


class VoiceSpec(NamedTuple):
    """One voice of the cast; `load_engine(*spec)` loads it, and it keys a cache of loaded engines."""

    engine: str
    voice: str
    options: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Cast:
    roles: dict[str, VoiceSpec]
    """Role -> voice; always has "narrator"."""

    def voice_for(self, role: str) -> VoiceSpec:
        """The role's voice, else its general role's ("opinion:Rohin" -> "opinion"), else the narrator's."""
        general = role.split(":", 1)[0]
        return self.roles.get(role) or self.roles.get(general) or self.roles["narrator"]


def _spec(path: Path, role: str, table) -> VoiceSpec:
    if not (isinstance(table, dict) and isinstance(table.get("engine"), str) and isinstance(table.get("voice"), str)):
        raise InputError(path, f"role [{role}] needs engine = \"...\" and voice = \"...\"")
    options = {k: v for k, v in table.items() if k not in ("engine", "voice")}
    bad = [k for k, v in options.items() if not isinstance(v, (str, int, float, bool))]
    if bad:
        raise InputError(path, f"role [{role}]: setting {bad[0]!r} should be a string or a number")
    for key in PATH_SETTINGS & set(options):
        options[key] = str(path.parent / options[key])
    voice = table["voice"]
    if table["engine"] == "piper" and voice.endswith(".onnx"):
        voice = str(path.parent / voice)
    return VoiceSpec(table["engine"], voice, tuple(sorted(options.items())))


def read_cast(path: Path) -> Cast:
    """Parse cast.toml; without one, hibari's "heart" voice speaks every role."""
    roles = {"narrator": VoiceSpec(*DEFAULT_NARRATOR)}
    if not path.exists():
        return Cast(roles)
    data = read_toml(path)
    roles.update({role: _spec(path, role, table) for role, table in data.items()})
    return Cast(roles)


def load_cast(path: Path) -> Cast:
    """Read cast.toml and check that every voice in it is installed and needs no download, before any work."""
    cast = read_cast(path)
    for role, spec in cast.roles.items():
        try:
            check_voice(*spec)
        except LookupError as e:
            raise PodcastError(f"{path}: role [{role}]: {e}") from None
    return cast
