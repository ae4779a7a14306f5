"""Who made a request, from its user agent: a podcast app or player by name, a bot, or something else (a
browser). Podcast apps and players are recognised first, from OPAWG's list of podcast user agents (the
`podcast-app-user-agents` package ships it), because a bot detector alone calls real players bots (crawlerdetect
matches `PodcastAddict/`, `LibVLC` and `Lavf/`); then `crawlerdetect` and the entries OPAWG marks as bots."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

BOT = "bot"
OTHER = "other"
UNNAMED_PLAYER = "other player"
"""An agent OPAWG lists as a listener's player or library without naming the app (Lavf/, okhttp, stagefright)."""


@dataclass(frozen=True)
class Agent:
    kind: str
    """"app", "bot" or "other"."""
    name: str
    """The app's name as OPAWG gives it ("Overcast"), "other player", "bot", or "other"."""


class Agents:
    """Classifies user agents (cached: a log repeats a few agents many times)."""

    def __init__(self):
        from crawlerdetect import CrawlerDetect
        from podcast_app_user_agents import Parser

        self._opawg = Parser()
        self._crawlers = CrawlerDetect()
        self.of = lru_cache(maxsize=4096)(self._classify)

    def _classify(self, user_agent: str) -> Agent:
        known = self._opawg.parse(user_agent) if user_agent else None
        if known is not None and known.get("bot"):
            return Agent("bot", BOT)
        if known is not None:
            return Agent("app", known.get("app") or UNNAMED_PLAYER)
        if not user_agent or self._crawlers.isCrawler(user_agent):
            return Agent("bot", BOT)
        return Agent("other", OTHER)
