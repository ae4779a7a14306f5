"""The counts as a table for people, or JSON or CSV for other tools."""
from __future__ import annotations

import csv
import io
import json

from ..terminal import plural
from .accesslog import LogReading
from .downloads import Tally


def as_data(tally: Tally, reading: LogReading, titles: dict[int, str]) -> dict:
    episodes = [{"number": n, "title": titles.get(n), "downloads": tally.downloads[n],
                 "apps": dict(sorted(tally.by_app.get(n, {}).items(), key=lambda kv: (-kv[1], kv[0])))}
                for n in sorted(tally.downloads, reverse=True)]
    return {"episodes": episodes, "downloads": sum(tally.downloads.values()), "lines": reading.lines,
            "malformed_lines": len(reading.malformed), "malformed": reading.malformed,
            "bot_requests": tally.bot_requests, "not_downloads": dict(sorted(tally.not_downloads.items())),
            "under_a_minute": tally.under_a_minute}


def as_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_csv(data: dict) -> str:
    """One row per episode and app: episode,title,app,downloads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["episode", "title", "app", "downloads"])
    for e in data["episodes"]:
        for app, count in e["apps"].items():
            writer.writerow([e["number"], e["title"] or "", app, count])
    return out.getvalue()


def as_table(data: dict) -> str:
    rows = [("episode", "downloads", "by app")]
    for e in data["episodes"]:
        apps = ", ".join(f"{app} {n}" for app, n in e["apps"].items())
        rows.append((f"{e['number']}" + (f" {e['title']}" if e["title"] else ""), str(e["downloads"]), apps))
    rows.append(("total", str(data["downloads"]), ""))
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{r[0]:<{width[0]}}  {r[1]:>{width[1]}}  {r[2]}".rstrip() for r in rows]
    left_out = ", ".join(f"{reason} {n}" for reason, n in data["not_downloads"].items()) or "none"
    lines.append(f"{plural(data['lines'], 'line')} read; left out: bots and crawlers {data['bot_requests']}, "
                 f"not downloads ({left_out}), under a minute of audio {data['under_a_minute']}, malformed lines "
                 f"{data['malformed_lines']}" + (f" ({', '.join(data['malformed'][:5])}"
                                                 f"{', ...' if data['malformed_lines'] > 5 else ''})"
                                                 if data["malformed"] else ""))
    return "\n".join(lines) + "\n"
