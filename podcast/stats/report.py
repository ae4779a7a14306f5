"""The counts as a table for people, or JSON or CSV for other tools. An issue's episodes in the feeds per audience
are rows of their own, right under the issue's full episode, each naming its feed; the totals say how many
downloads each feed had."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter

from ..terminal import plural
from .accesslog import LogReading
from .downloads import Episode, Tally

MAIN_FEED = "feed.xml"


def feed_path(feed: str | None) -> str:
    """The feed an episode is in, as its path in the site: feed.xml, or feeds/NAME.xml for a feed per audience."""
    return MAIN_FEED if feed is None else f"feeds/{feed}.xml"


def feed_order(feed: str | None) -> tuple[bool, str]:
    """The main feed first, then the feeds per audience by name."""
    return feed is not None, feed or ""


def as_data(tally: Tally, reading: LogReading, titles: dict[Episode, str]) -> dict:
    """titles: by (number, feed), as the catalog gives them. Episodes newest issue first, each issue's full episode
    before its episodes in the feeds per audience; by_feed: each feed's downloads, by its path in the site."""
    episodes = [{"number": n, "feed": feed, "title": titles.get((n, feed)), "downloads": tally.downloads[n, feed],
                 "apps": dict(sorted(tally.by_app.get((n, feed), {}).items(), key=lambda kv: (-kv[1], kv[0])))}
                for n, feed in sorted(tally.downloads, key=lambda e: (-e[0], *feed_order(e[1])))]
    per_feed = Counter()
    for (_, feed), count in tally.downloads.items():
        per_feed[feed] += count
    return {"episodes": episodes, "downloads": sum(tally.downloads.values()),
            "by_feed": {feed_path(feed): per_feed[feed] for feed in sorted(per_feed, key=feed_order)},
            "lines": reading.lines, "malformed_lines": len(reading.malformed), "malformed": reading.malformed,
            "bot_requests": tally.bot_requests, "not_downloads": dict(sorted(tally.not_downloads.items())),
            "under_a_minute": tally.under_a_minute}


def as_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_csv(data: dict) -> str:
    """One row per episode and app: episode,title,app,downloads,feed (feed: empty for the main feed's episode, else
    the [feeds.NAME] name; last, so tools that read the first four columns read them as before)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["episode", "title", "app", "downloads", "feed"])
    for e in data["episodes"]:
        for app, count in e["apps"].items():
            writer.writerow([e["number"], e["title"] or "", app, count, e["feed"] or ""])
    return out.getvalue()


def as_table(data: dict) -> str:
    rows = [("episode", "downloads", "by app")]
    for e in data["episodes"]:
        apps = ", ".join(f"{app} {n}" for app, n in e["apps"].items())
        label = f"{e['number']}" + (f" ({e['feed']})" if e["feed"] else "") + (f" {e['title']}" if e["title"] else "")
        rows.append((label, str(e["downloads"]), apps))
    rows.append(("total", str(data["downloads"]), ""))
    if set(data["by_feed"]) - {MAIN_FEED}:  # a show with feeds per audience: each feed's own total
        rows += [(f"  {path}", str(n), "") for path, n in data["by_feed"].items()]
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{r[0]:<{width[0]}}  {r[1]:>{width[1]}}  {r[2]}".rstrip() for r in rows]
    left_out = ", ".join(f"{reason} {n}" for reason, n in data["not_downloads"].items()) or "none"
    lines.append(f"{plural(data['lines'], 'line')} read; left out: bots and crawlers {data['bot_requests']}, "
                 f"not downloads ({left_out}), under a minute of audio {data['under_a_minute']}, malformed lines "
                 f"{data['malformed_lines']}" + (f" ({', '.join(data['malformed'][:5])}"
                                                 f"{', ...' if data['malformed_lines'] > 5 else ''})"
                                                 if data["malformed"] else ""))
    return "\n".join(lines) + "\n"
