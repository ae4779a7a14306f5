"""`podcast stats` on an access log anyone on the internet could have written into: thousands of digits in an
episode number or a byte count, broken IPv6-looking URLs, 16 KB user agents, binary bytes, cut lines, a line
longer than any server writes, a gzip file cut short, mixed with real downloads. It exits 0, counts the real
downloads as it would without the rest, and names every line it could not read; the time it takes grows with
the number of lines, not with their length (measured here and printed)."""
from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
import time

from tests.support.show import REPO

MP3_99 = "/podcast/episodes/099/alignment-newsletter-099-episode-852a2101db.mp3"
MP3_98 = "/podcast/episodes/098/alignment-newsletter-098-episode-0123456789.mp3"
OVERCAST = "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)"
HOSTILE_PER_KIND = 300


def line(path: str, agent: str = OVERCAST, size: str = "1000000", status: str = "200", ip: str = "198.51.100.1",
         hms: str = "10:00:00", method: str = "GET") -> str:
    return (f'{ip} - - [13/May/2020:{hms} +0000] "{method} {path} HTTP/1.1" {status} {size} "-" "{agent}"\n')


GOOD = [
    line(MP3_99),                                                # Overcast at .1: a download of 99
    line(MP3_99, ip="198.51.100.2", agent="AntennaPod/3.2.0"),   # AntennaPod: a download of 99
    line(MP3_98, ip="198.51.100.3", agent="Pocket Casts"),       # Pocket Casts: a download of 98
    line("/podcast/feed.xml", size="40000"),                     # not media
]
ROTATED = [line(MP3_98, ip="198.51.100.4", agent="Overcast/3.0")] + [line(MP3_99, hms=f"10:0{i}:00") for i in range(3)]
"""A download of 98, and Overcast at .1 again within its window (no new download of 99)."""
EXPECTED = {99: {"Overcast": 1, "AntennaPod": 1}, 98: {"Pocket Casts": 1, "Overcast": 1}}


def hostile_lines(rng: random.Random) -> dict[str, list[str | bytes]]:
    """Kind -> HOSTILE_PER_KIND lines; each but the agents' is malformed."""
    digits = lambda n: "".join(rng.choice("123456789") for _ in range(n))  # noqa: E731
    n = HOSTILE_PER_KIND
    return {
        "episode number of thousands of digits": [
            line(f"/podcast/episodes/{digits(5000)}/alignment-newsletter-{digits(5000)}-episode-852a2101db.mp3")
            for _ in range(n)],
        "episode number of 40 digits": [
            line(f"/podcast/episodes/{digits(40)}/alignment-newsletter-{digits(40)}-episode-852a2101db.mp3")
            for _ in range(n)],
        "byte count of thousands of digits": [line(MP3_99, size=digits(6000)) for _ in range(n)],
        "broken IPv6 URL": [line(rng.choice(["http://[::1/x", "http://[::1" + MP3_99, "https://[/", "//[:::/"]))
                            for _ in range(n)],
        "binary bytes": [bytes(rng.randrange(256) for _ in range(200)).replace(b"\n", b"").replace(b"\r", b"") + b"\n"
                         for _ in range(n)],
        "cut line": [(lambda whole: whole[: rng.randrange(10, len(whole) - 12)] + "\n")(line(MP3_99))
                     for _ in range(n)],
        "line longer than a server writes": ["x" * 40_000 + "\n" for _ in range(n // 10)],
        # Valid lines: a real request for 99 under a minute long, by an agent no app sends, each different: one
        # word of 16 KB, or 16 KB of short words (the costliest text for the bot check).
        "16 KB user agent": [line(MP3_99, size="1000", ip=f"203.0.113.{i % 250}", agent=f"Mozilla/5.0 {i} " + (
                                 "".join(rng.choice("abcdefghij") for _ in range(16_000)) if i % 2 else
                                 " ".join("".join(rng.choice("abcdefghij") for _ in range(30)) for _ in range(530))))
                             for i in range(n)],
    }


def write_log(tmp_path, hostile: dict[str, list[str | bytes]]) -> tuple[list, int]:
    """access.log with the good lines spread among the hostile ones, and access.log.2.gz cut short before its
    trailer (ROTATED lines, then an unreadable end); the log paths and the number of malformed lines written."""
    rng = random.Random(7)
    lines = [item.encode() if isinstance(item, str) else item
             for kind, items in hostile.items() for item in items]
    rng.shuffle(lines)
    for i, good in enumerate(GOOD[1:], start=1):
        lines.insert(i * len(lines) // len(GOOD), good.encode())
    plain = tmp_path / "access.log"
    plain.write_bytes(GOOD[0].encode() + b"".join(lines))
    rotated = tmp_path / "access.log.2.gz"
    rotated.write_bytes(gzip.compress("".join(ROTATED).encode())[:-4])
    malformed = sum(len(items) for kind, items in hostile.items() if kind != "16 KB user agent") + 1
    return [plain, rotated], malformed


def stats(*logs) -> tuple[dict, float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "podcast", "--show", str(REPO / "podcast.toml"), "stats", "--log",
                           *map(str, logs), "--site", "/nonexistent", "--format", "json"],
                          capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), elapsed


def test_a_hostile_log_is_read_whole_and_its_unreadable_lines_are_named(tmp_path):
    hostile = hostile_lines(random.Random(34))
    logs, malformed = write_log(tmp_path, hostile)
    (tmp_path / "good.log").write_text("".join(GOOD), encoding="utf-8")
    baseline, base_s = stats(tmp_path / "good.log")
    data, elapsed = stats(*logs)

    assert {e["number"]: e["apps"] for e in data["episodes"]} == EXPECTED
    assert data["malformed_lines"] == malformed
    assert data["malformed"][-1] == f"{logs[1]}:{len(ROTATED) + 1}", "where the cut gzip stream ends"
    assert all(name.startswith(f"{logs[0]}:") for name in data["malformed"][:-1])
    assert data["lines"] == sum(map(len, hostile.values())) + len(GOOD) + len(ROTATED) + 1
    assert data["under_a_minute"] + data["bot_requests"] >= len(hostile["16 KB user agent"]) - 1

    count = sum(map(len, hostile.values()))
    per_thousand = (elapsed - base_s) / count * 1000
    print(f"\n{count} hostile lines ({len(hostile['16 KB user agent'])} with a 16 KB agent, each different) read in "
          f"{elapsed - base_s:.2f} s beyond the {base_s:.2f} s of a run on the good lines alone: "
          f"{per_thousand:.2f} s per 1000 hostile lines")
    assert per_thousand < 5, "more than 5 s per 1000 lines: some field is read in time that grows with its length"
    assert baseline["downloads"] == 3


def test_a_table_report_names_the_malformed_lines(tmp_path):
    log = tmp_path / "access.log"
    log.write_bytes(GOOD[0].encode() + line("http://[::1/x").encode() + b"\x00\xff\x1b[31m\n")
    done = subprocess.run([sys.executable, "-m", "podcast", "--show", str(REPO / "podcast.toml"), "stats", "--log",
                           str(log), "--site", "/nonexistent"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith(f"malformed lines 2 ({log}:2, {log}:3)")
