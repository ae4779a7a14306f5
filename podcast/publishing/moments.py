"""Links to a moment of an episode: `episodes/NNN/#t=SECONDS`, the episode page's URL with the temporal form of
W3C Media Fragments URI 1.0 (normal play time in seconds, to the millisecond). Opening one seeks the page's player
there and marks the chapter being heard (assets/player.js, which also reads `t=MM:SS`, `t=HH:MM:SS` and
`t=npt:...`, and ignores an end time); the chapter list, the search results and the summaries table link this
way, so a listener can share the moment a paper is read."""
from __future__ import annotations


def moment_fragment(start_s: float) -> str:
    """"t=12.345": the fragment (without "#") that starts the episode at start_s."""
    return "t=" + f"{max(0.0, start_s):.3f}".rstrip("0").rstrip(".")


def episode_folder(number: int) -> str:
    """The episode page's address under the site, as a folder: "episodes/099/"."""
    return f"episodes/{number:03d}/"


def moment_link(number: int, start_s: float | None) -> str:
    """"episodes/099/#t=12.345" under the site; the episode page itself when the moment is not known."""
    return episode_folder(number) + ("" if start_s is None else "#" + moment_fragment(start_s))
