"""What the settings models share: the table every file's tables derive from (TOML's types as written, no
unknown key) and the checks of a value's range or form, each raising ValueError with the one line to show."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlparse

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict


class Table(BaseModel):
    """A TOML table (or a whole file) of known keys. Strict: a value must have the type TOML gives it as written
    (64, not "64"; true, not "yes"); a key the table does not know is refused."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def shown(value: Any) -> str:
    """A value as it would be written in TOML, shortened to fit a one-line message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:56] + '..."'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "[" + ", ".join(shown(v) for v in value[:4]) + (", ..." if len(value) > 4 else "") + "]"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return repr(value)


def check(problem: Callable[[Any], str | None]) -> AfterValidator:
    """A validator from a function saying why a value is wrong (or None when it is right)."""
    def validate(value):
        why = problem(value)
        if why:
            raise ValueError(why)
        return value
    return AfterValidator(validate)


def between(low: float, high: float) -> AfterValidator:
    return check(lambda v: None if low <= v <= high else f"{shown(v)} is not between {low} and {high}")


def one_of(values: Iterable) -> AfterValidator:
    allowed = tuple(values)
    return check(lambda v: None if v in allowed else f"{shown(v)} is not one of {', '.join(map(str, allowed))}")


def url_problem(value: str) -> str | None:
    """Why the value is not an http(s) URL, or None."""
    parsed = urlparse(value)
    return None if parsed.scheme in ("http", "https") and parsed.netloc else f"{shown(value)} is not an http(s) URL"


def blank_problem(value: str) -> str | None:
    return f"{shown(value)} is blank" if not value.strip() else None


def date_of_datetime(value: Any) -> Any:
    """A TOML date-time where a date is asked for counts as its date."""
    return value.date() if isinstance(value, dt.datetime) else value


DATE = BeforeValidator(date_of_datetime)
