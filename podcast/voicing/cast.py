"""The cast (voices/cast.toml): which engine and voice speaks each role.

Roles are who speaks each segment (Segment.role): narrator, section, quote, opinion, and "opinion:NAME" for the opinions
of one person. A role not in the cast falls back to its general role ("opinion:Rohin" -> "opinion"), then to
the narrator. Settings beside engine and voice go to the engine; paths among them are relative to voices/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import SettingsError
from .engines import check_voice

if TYPE_CHECKING:
    from ..settings.cast import Voice

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


def _spec(path: Path, voice: Voice) -> VoiceSpec:
    """A role's voice as the engines take it: settings that name files resolved against the cast's folder."""
    options = dict(voice.model_extra or {})
    for key in PATH_SETTINGS & set(options):
        options[key] = str(path.parent / options[key])
    name = voice.voice
    if voice.engine == "piper" and name.endswith(".onnx"):
        name = str(path.parent / name)
    return VoiceSpec(voice.engine, name, tuple(sorted(options.items())))


def read_cast(path: Path) -> Cast:
    """Parse cast.toml, checked against its schema (settings/cast.py); without one, hibari's "heart" voice speaks
    every role."""
    roles = {"narrator": VoiceSpec(*DEFAULT_NARRATOR)}
    if not path.exists():
        return Cast(roles)
    from ..settings import CastFile, read_settings

    roles.update({role: _spec(path, voice) for role, voice in read_settings(path, CastFile).root.items()})
    return Cast(roles)


def load_cast(path: Path) -> Cast:
    """Read cast.toml and check that every voice in it is installed and needs no download, before any work; every
    role whose voice is not is one line of the SettingsError."""
    cast = read_cast(path)
    problems = []
    for role, spec in cast.roles.items():
        try:
            check_voice(*spec)
        except LookupError as e:
            problems.append(f"role [{role}]: {e}")
    if problems:
        raise SettingsError(path, problems)
    return cast
