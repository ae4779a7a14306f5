"""The cast (voices/cast.toml): which engine and voice speaks each role."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

DEFAULT = {"narrator": ("hibari", "heart")}


@dataclass(frozen=True)
class Cast:
    roles: dict[str, tuple[str, str]]
    """Role -> (engine, voice). Roles not listed fall back to the narrator."""

    def voice_for(self, role: str) -> tuple[str, str]:
        return self.roles.get(role, self.roles["narrator"])


def load_cast(path: Path) -> Cast:
    """Read cast.toml; without one, hibari's "heart" voice speaks every role."""
    if not path.exists():
        return Cast(dict(DEFAULT))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(path, f"not a valid cast ({e})") from None
    roles = dict(DEFAULT)
    for role, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("engine"), str) or not isinstance(spec.get("voice"), str):
            raise InputError(path, f"role [{role}] needs engine = \"...\" and voice = \"...\"")
        roles[role] = (spec["engine"], spec["voice"])
    return Cast(roles)
