"""episode.toml's schema: the issue's number, title and date (by the rules `podcast new` applies too), its
optional link and description, and the producer's [narration] settings."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator

from ..episode_rules import date_problem, number_problem, title_problem
from ..links import vet_link
from .fields import DATE, Table, check


def published_link(link: str | None) -> str | None:
    """The link as published (links.vet_link); one that would not be is refused."""
    if link is None:
        return None
    vetted, problem = vet_link(link)
    if problem:
        raise ValueError(f"{problem}; give an http(s) or mailto link, or none")
    return vetted


class Narration(Table):
    force: list[str] = []
    """Segment ids whose takes are used even when mismatched or stale."""


class EpisodeFile(Table):
    """episode.toml."""

    number: Annotated[int, check(number_problem)]
    title: Annotated[str, check(title_problem)]
    date: Annotated[dt.date, DATE, check(date_problem)]
    link: Annotated[str | None, AfterValidator(published_link)] = None
    description: str | None = None
    narration: Narration = Narration()
