"""A settings file read against its model, and what pydantic finds wrong in it put as one line per mistake: where
(the table and the key), what is wrong and, where it helps, the fix ("did you mean 'explicit'?", "write it
unquoted: date = 2020-05-13"). Every mistake of the file is reported at once."""
from __future__ import annotations

import datetime as dt
import difflib
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError

from ..errors import SettingsError
from ..tomlfile import read_toml
from .fields import shown

Model = TypeVar("Model", bound=BaseModel)
KINDS = {"int_type": "a whole number", "float_type": "a number", "bool_type": "true or false",
         "string_type": "text (in quotes)", "date_type": "a date", "dict_type": "a table", "model_type": "a table",
         "list_type": "a list", "literal_error": "one of {expected}"}
"""What a value of the wrong type should have been, by pydantic's error type."""


def read_settings(path: Path, model: type[Model], **context: Any) -> Model:
    """The file read (tomlfile.read_toml) and checked against the model; its mistakes are one SettingsError."""
    data = read_toml(path)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as e:
        raise SettingsError(path, problems(e, data, model)) from None


def problems(error: ValidationError, data: dict, model: type[BaseModel]) -> list[str]:
    """One line per mistake, each place once (a value of no type a union takes fails once per member)."""
    lines, seen = [], set()
    for found in error.errors(include_url=False):
        tables, key, rest = place(found["loc"], data)
        items = tuple(part for part in rest if isinstance(part, int))
        if (tables, key, items) not in seen:
            seen.add((tables, key, items))
            lines.append(problem(found, tables, key, items, model))
    return lines


def place(loc: tuple, data: dict) -> tuple[tuple[str, ...], str | None, tuple]:
    """(the tables, the key, the rest: list indexes and pydantic's markers) of an error's location in the file."""
    tables, node = [], data
    for n, part in enumerate(loc):
        if n < len(loc) - 1 and isinstance(node, dict) and isinstance(node.get(part), dict):
            tables.append(str(part))
            node = node[part]
            continue
        return tuple(tables), str(part), loc[n + 1:]
    return tuple(tables), None, ()


def problem(found: dict, tables: tuple[str, ...], key: str | None, items: tuple[int, ...],
            model: type[BaseModel]) -> str:
    """The line for one of pydantic's errors; items: the place in a list (from 0), if it is in one."""
    kind, value = found["type"], found["input"]
    table = f"[{'.'.join(tables)}]" if tables else ""
    if found["loc"][-1:] == ("[key]",):  # a table's own name (a cast role): its message names it
        where = ""
    elif key is None:
        where = table
    elif isinstance(value, dict) and kind not in ("missing", "extra_forbidden"):
        where = f"[{'.'.join((*tables, key))}]"
    else:
        where = f"{table} {key}".strip() + "".join(f", item {n + 1}" for n in items)
    if kind == "missing":
        return f"{table} missing key '{key}'".strip()
    if kind == "extra_forbidden":
        return unknown(tables, key, isinstance(value, dict), known_keys(model, tables))
    if kind == "value_error":
        message = str(found["ctx"]["error"])
    elif kind in KINDS:
        message = f"{shown(value)} is not {KINDS[kind].format(**found.get('ctx', {}))}{fix(kind, key, value)}"
    else:
        message = found["msg"]
    return f"{where}: {message}" if where else message


def unknown(tables: tuple[str, ...], key: str, is_table: bool, known: dict[str, bool]) -> str:
    """An unknown key or table, with the nearest known name."""
    near = difflib.get_close_matches(key, list(known), n=1)
    name = (lambda k, table: f"[{'.'.join((*tables, k))}]" if table else f"'{k}'")
    where = f" in [{'.'.join(tables)}]" if tables and not is_table else ""
    said = f"unknown {'table' if is_table else 'key'} {name(key, is_table)}{where}"
    if near:
        return f"{said}; did you mean {name(near[0], known[near[0]])}?"
    return f"{said} (known: {', '.join(name(k, t) for k, t in known.items())})" if known else said


def fix(kind: str, key: str | None, value: Any) -> str:
    """How to write the value so it is read as meant: a number, date or true/false in quotes is text."""
    if kind in ("dict_type", "model_type") and not isinstance(value, (dict, list)):
        return f"; write it as a table: [{key}], with its keys on the lines below"
    if not isinstance(value, str):
        return "; write it without a decimal point" if kind == "int_type" and isinstance(value, float) \
            and value.is_integer() else ""
    text = value.strip()
    readable = {"int_type": text.lstrip("+-").isdigit(), "float_type": is_number(text),
                "bool_type": text in ("true", "false"), "date_type": is_date(text)}.get(kind)
    if readable:
        return f"; write it unquoted: {key} = {text}"
    if kind == "date_type":
        return f"; write a date unquoted, like {key} = 2020-05-13"
    return ""


def is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def known_keys(model: type[BaseModel], tables: tuple[str, ...]) -> dict[str, bool]:
    """The keys the model knows in a table (name -> whether it is a table itself)."""
    for part in tables:
        model = table_model(model, part)
        if model is None:
            return {}
    return {name: is_table(field.annotation) for name, field in model.model_fields.items()}


def table_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of a key's table (a field's, or the values' of a root model's dict), or None for a plain value."""
    if issubclass(model, RootModel):
        annotation = typing.get_args(model.model_fields["root"].annotation)[-1]
    elif key in model.model_fields:
        annotation = model.model_fields[key].annotation
    else:
        return None
    return next((c for c in (annotation, *typing.get_args(annotation)) if isinstance(c, type)
                 and issubclass(c, BaseModel)), None)


def is_table(annotation: Any) -> bool:
    """A field whose value is a table: a model, or a dict of names (as [people])."""
    return any(c is dict or isinstance(c, type) and issubclass(c, BaseModel)
               for c in (annotation, typing.get_origin(annotation), *typing.get_args(annotation)))
