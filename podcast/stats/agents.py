"""Who made a request, from its user agent: a podcast app or player by name, a bot, or something else (a
browser). Podcast apps and players are recognised first, from OPAWG's list of podcast user agents (the
`podcast-app-user-agents` package ships it), because a bot detector alone calls real players bots (crawlerdetect
matches `PodcastAddict/`, `LibVLC` and `Lavf/`); then `crawlerdetect` and the entries OPAWG marks as bots."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

BOT = "bot"
OTHER = "other"
UNNAMED_PLAYER = "other player"
"""An agent OPAWG lists as a listener's player or library without naming the app (Lavf/, okhttp, stagefright)."""
MAX_AGENT_CHARS = 256
"""An agent is classified by its first 256 characters (OPAWG's longest example has 208)."""
MAX_WORD_CHARS = 40
LONG_WORD = re.compile(rf"[A-Za-z0-9_-]{{{MAX_WORD_CHARS + 1},}}")
"""crawlerdetect's `[a-z0-9_-]*(bot|crawl|...)` takes time in the square of a run of such characters (a 16 KB
agent took 25 s); real agents' runs are short (a UUID is 36), so longer ones are cut to 40 before it looks."""


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
        self._cached = lru_cache(maxsize=4096)(self._classify)

    def of(self, user_agent: str) -> Agent:
        """What an agent is; anyone can send any agent, so it is bounded first (at most a few ms each)."""
        return self._cached(LONG_WORD.sub(lambda m: m[0][:MAX_WORD_CHARS], user_agent[:MAX_AGENT_CHARS]))

    def _classify(self, user_agent: str) -> Agent:
        known = self._opawg.parse(user_agent) if user_agent else None
        if known is not None and known.get("bot"):
            return Agent("bot", BOT)
        if known is not None:
            return Agent("app", known.get("app") or UNNAMED_PLAYER)
        if not user_agent or self._crawlers.isCrawler(user_agent):
            return Agent("bot", BOT)
        return Agent("other", OTHER)
