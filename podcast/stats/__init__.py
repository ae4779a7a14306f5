"""Listening figures from the web host's access logs: downloads per episode and per app, counted as the IAB
Podcast Measurement Technical Guidelines (v2.x) count them (downloads.py), from Combined Log Format lines
(accesslog.py) whose user agents are told apart into podcast apps, bots and the rest (agents.py). Reads only the
logs, and the site's catalog for titles and file sizes; never writes."""
from __future__ import annotations

from .accesslog import LogReading, read_logs
from .agents import Agents
from .downloads import EpisodeFiles, Tally, count_downloads

__all__ = ["Agents", "EpisodeFiles", "LogReading", "Tally", "count_downloads", "read_logs"]
