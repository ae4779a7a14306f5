"""podcast stats --log FILE... [--site DIR] [--format table|json|csv]: downloads per episode and per app from the
web host's access logs, counted by the IAB podcast measurement rules (podcast/stats)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..terminal import printable
from .common import load_show_for

FORMATS = ("table", "json", "csv")


def episode_files(show, site: Path):
    """Bytes per second and size of every audio file the site's catalog names (the feeds per audience's too), and
    each episode's title by (number, feed); the show's bitrates for files the catalog does not name."""
    from ..publishing import load_catalog
    from ..stats import EpisodeFiles

    rates, sizes, titles = {}, {}, {}
    catalog = load_catalog(site) if (site / "catalog.json").is_file() else None
    feeds = {None: catalog.episodes, **catalog.feeds} if catalog else {}
    for feed, entry in [(feed, entry) for feed, episodes in feeds.items() for entry in episodes.values()]:
        titles[entry.number, feed] = entry.title
        media = [(entry.audio, entry.audio_bytes)] + [(entry.sidecars[a.kind], a.length) for a in entry.alternates]
        for path, size in media:
            name = path.rsplit("/", 1)[-1]
            rates[name], sizes[name] = size / entry.duration_s, size
    defaults = {"mp3": show.mp3_bitrate_kbps * 1000 / 8, "opus": show.opus_bitrate_kbps * 1000 / 8}
    return EpisodeFiles(rates, sizes, defaults), titles


def run(args) -> None:
    from ..stats import Agents, LogReading, count_downloads, read_logs
    from ..stats.report import as_csv, as_data, as_json, as_table

    show = load_show_for(args, [])
    files, titles = episode_files(show, args.site)
    reading = LogReading()
    tally = count_downloads(read_logs(args.log, reading), files, Agents())
    data = as_data(tally, reading, titles)
    sys.stdout.write(printable({"table": as_table, "json": as_json, "csv": as_csv}[args.format](data)))


def register(sub) -> None:
    p = sub.add_parser("stats", help="downloads per episode and app from access logs (IAB podcast measurement rules)")
    p.add_argument("--log", type=Path, nargs="+", required=True, metavar="FILE",
                   help="access logs in the Combined Log Format (nginx, Apache); .gz files are read as they are")
    p.add_argument("--site", type=Path, default=Path("public"),
                   help="the site folder, for episode titles and file sizes (default: public/)")
    p.add_argument("--format", choices=FORMATS, default="table", help="table (default), json or csv")
    p.set_defaults(run=run)
