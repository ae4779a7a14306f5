"""voices/cast.toml's schema: one table per role ([narrator], [section], [quote], [opinion], ["opinion:NAME"]),
each an engine, a voice and the engine's own settings (text, numbers or true/false), which the engine checks
when the cast is loaded."""
from __future__ import annotations

import difflib
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, RootModel

from .fields import Table, shown

ROLES = ("narrator", "section", "quote", "opinion")
"""Who speaks a segment; "opinion:NAME" is one person's opinions."""


def role_name(role: str) -> str:
    general, _, person = role.partition(":")
    if general in ROLES and (not _ or general == "opinion" and person.strip()):
        return role
    near = difflib.get_close_matches(role, ROLES, n=1)
    hint = f"; did you mean [{near[0]}]?" if near else ""
    raise ValueError(f"unknown role [{role}]{hint} (roles: {', '.join(ROLES)}, \"opinion:NAME\")")


def setting(value: Any) -> Any:
    """An engine's setting: text, a number or true/false."""
    if not isinstance(value, (str, int, float, bool)):
        raise ValueError(f"{shown(value)} is not text, a number or true/false")
    return value


class Voice(Table):
    """One role's voice; keys beside engine and voice are the engine's settings."""

    model_config = ConfigDict(extra="allow")
    engine: str
    voice: str
    __pydantic_extra__: dict[str, Annotated[Any, AfterValidator(setting)]]


class CastFile(RootModel[dict[Annotated[str, AfterValidator(role_name)], Voice]]):
    """voices/cast.toml: role -> its voice."""

    model_config = ConfigDict(strict=True, frozen=True)
