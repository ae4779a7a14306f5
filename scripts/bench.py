"""Speed benchmark of the build on AN #99 (run by scripts/bench; not part of the test suite).

Prints medians over repeated runs of
  (a) the floor: the default engine speaking the whole spoken text in one process, plus one encode in each
      format the build publishes (the MP3, and the Opus alternate unless podcast.toml turns it off);
  (b) a cold `podcast build` (empty cache and site);
  (c) a rebuild with nothing changed;
  (d) a rebuild after editing one summary's text;
  (e) one build of 8 issues at once;
  (f) a rebuild of a 3-issue site (AN #99 and two more) after editing one summary of AN #99;
  (g) `podcast status` on AN #99 with no takes (its voicing all in the cache);
  (h) `podcast check` (the listening check) after the cold build: every segment heard; again with nothing
      changed; and after the one-edit rebuild of (d): wall time and the check's own seconds;
  (i) the archive: a one-edit rebuild of AN #99 in a site of 200 episodes (AN #99 built once, then published
      under 200 numbers, its highlights feed too) against the same in a site of AN #99 alone, the whole build
      timed (whatever the publish step writes), and how the site's index files (feed, feeds per audience,
      catalog, pages, and any other file or folder outside the episodes' media) grow from 1 to 200 episodes;
then the ratios b/a, c/b, d/b, e/(8 b), f/b, i and the peak memory of b (all processes of the build together)
against the targets, and what the Opus alternate costs: its encode in (a), and (b) and (d) again with
`[opus] enabled = false`. Every figure is measured in this one run, on this machine, as it is loaded.
`--only archive` runs (i) alone."""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus" / "an"
EDIT_WORDS = ["new", "noted", "recent", "main", "first", "key", "same", "whole"]
"""Copy k of AN #99 says "the <word k>" wherever AN #99 says "the": every copy's speech differs."""
TARGETS = {"b/a": 1.0, "c_s": 1.0, "d/b": 0.15, "e/(8b)": 1.0, "peak_mb": 1024, "i": 1.2}
ARCHIVE_FEED = '\n[feeds]\nhighlights = { title = "Alignment Newsletter Podcast (Highlights)", sections = ["Highlights"] }\n'
"""(i)'s show publishes a highlights feed beside the main one."""


@dataclass
class Run:
    wall_s: float
    peak_mb: float
    """Peak of the summed resident memory of the command and all its child processes (a child caught between
    fork and exec, whose resident pages are its parent's, is not counted twice)."""
    voicing_peak_mb: float
    """The same peak, while worker processes of a pool (multiprocessing's spawn_main) were alive."""
    stderr: str


def run_measured(cmd: list[str], cwd: Path) -> Run:
    """Run a command; wall time and the peak of the summed resident memory of it and its children."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
            command = root.cmdline()
            while not stop.is_set():
                total, pool = 0, False
                for p in [root, *root.children(recursive=True)]:
                    try:
                        line = p.cmdline()
                        if p is not root and line == command:
                            continue  # a fork between fork and exec (of ffmpeg): the parent's own pages, not more
                        total += p.memory_info().rss
                        pool = pool or "spawn_main" in " ".join(line)
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total)
                if pool:
                    peak[1] = max(peak[1], total)
                stop.wait(0.05)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{err}{out}")
    return Run(wall, peak[0] / 2**20, peak[1] / 2**20, err + out)


def podcast(*args: str, cwd: Path) -> Run:
    return run_measured([sys.executable, "-m", "podcast", *args], cwd)


def make_show(root: Path, opus: bool = True) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "podcast.toml", root / "podcast.toml")
    if not opus:
        toml = (root / "podcast.toml").read_text(encoding="utf-8")
        off = re.sub(r"(?m)^(\[opus\]\n(?:.*\n)*?)enabled = true$", r"\1enabled = false", toml)
        (root / "podcast.toml").write_text(off if off != toml else toml + "\n[opus]\nenabled = false\n",
                                           encoding="utf-8")
    shutil.copytree(REPO / "voices", root / "voices")
    shutil.copytree(REPO / "episodes" / "099", root / "episodes" / "099")
    return root


def spoken_text(show: Path) -> str:
    """The whole spoken text of AN #99, sentence per line, exactly as the pipeline has the engine read it."""
    sys.path.insert(0, str(REPO))
    from podcast.episode import load_episode, load_voices
    from podcast.config import load_show
    from podcast.voicing import load_engines, plan_jobs

    s = load_show(show / "podcast.toml")
    episode = load_episode(show / "episodes" / "099", s)
    cast, lexicon = load_voices(s)
    engines = load_engines({seg.role for seg in episode.script.segments}, cast)
    return "\n".join(sentence for job in plan_jobs(episode.script, cast, engines, lexicon) for sentence in job.spoken)


def floor(text_file: Path, mp3: Path, threads: int, bitrate_kbps: int, rate_hz: int, opus_kbps: int) -> None:
    """(a), run in its own process: hibari speaks the text with every core, ffmpeg encodes it once per format
    the build publishes (opus_kbps 0: no Opus); prints each encode's seconds ("encode mp3 1.23 s")."""
    import imageio_ffmpeg
    import numpy as np
    from hibari import Hibari

    tts = Hibari(threads=threads)
    audio = tts(text_file.read_text(encoding="utf-8"), seed=0).astype(np.float32)
    encodes = {"mp3": ["-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k", "-ar", str(rate_hz), "-ac", "1", str(mp3)]}
    if opus_kbps:
        encodes["opus"] = ["-c:a", "libopus", "-b:a", f"{opus_kbps}k", "-ar", "48000", "-ac", "1",
                           str(mp3.with_suffix(".opus"))]
    for name, output in encodes.items():
        started = time.perf_counter()
        subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "f32le", "-ar",
                        str(tts.sample_rate), "-ac", "1", "-i", "pipe:0", *output], input=audio.tobytes(), check=True)
        print(f"encode {name} {time.perf_counter() - started:.3f} s", flush=True)


def edit_one_summary(issue: Path, n: int) -> None:
    """Change one sentence of the highlight's summary (a different edit each time)."""
    text = issue.read_text(encoding="utf-8")
    old = "This paper presents strong evidence against that hypothesis."
    assert old in text, "AN #99's highlight summary changed; update the bench's edit"
    issue.write_text(text.replace(old, f"This paper presents strong evidence against that hypothesis, edit {n}."),
                     encoding="utf-8")


def corpus_ready() -> bool:
    """The corpus's Markdown issues can be read (the Markdown reader has landed)."""
    sys.path.insert(0, str(REPO))
    from podcast.reading import READERS

    return ".md" in READERS


def corpus_issues(root: Path, count: int) -> list[Path]:
    """`count` real corpus issues as episode folders, titles and dates from the corpus's SOURCES.md."""
    rows = re.findall(r"^\| (an-(\d+)\.md) \| AN #\d+ \| (\d{4}-\d\d-\d\d)T[^|]*\| ([^|]+) \|", 
                      (CORPUS / "SOURCES.md").read_text(encoding="utf-8"), re.M)
    folders = []
    for name, number, date, title in rows[:count]:
        folder = root / "episodes" / number
        folder.mkdir(parents=True)
        shutil.copy(CORPUS / name, folder / "issue.md")
        title = title.strip().replace('"', "'")
        (folder / "episode.toml").write_text(f'number = {int(number)}\ntitle = "{title}"\ndate = {date}\n')
        folders.append(folder)
    return folders


def an99_copies(root: Path, count: int) -> list[Path]:
    """`count` copies of AN #99 with numbers 901.. and edited text (every segment with "the" differs)."""
    source = (REPO / "episodes" / "099" / "issue.txt").read_text(encoding="utf-8")
    folders = []
    for k in range(count):
        folder = root / "episodes" / f"{901 + k}"
        folder.mkdir(parents=True)
        (folder / "issue.txt").write_text(re.sub(r"\bthe\b", f"the {EDIT_WORDS[k % len(EDIT_WORDS)]}", source),
                                          encoding="utf-8")
        (folder / "episode.toml").write_text(f'number = {901 + k}\ntitle = "AN #{901 + k}: copy {k + 1} of AN #99"\n'
                                             f"date = 2020-06-{k + 1:02d}\n")
        folders.append(folder)
    return folders


def as_number(path: str, n: int) -> str:
    """A published path of AN #99 as issue n's."""
    return path.replace("episodes/099/alignment-newsletter-099-", f"episodes/{n:03d}/alignment-newsletter-{n:03d}-")


def publish_archive(site: Path, show_toml: Path, count: int) -> None:
    """Publish AN #99's built episode (and its highlights feed's) under `count` numbers into the site: its files
    hard-linked under each number's names, the entries renumbered and dated a week apart, published in one step
    by publishing.publish, as builds of `count` issues would have left the site."""
    import datetime as dt
    from dataclasses import replace

    from podcast.config import load_show
    from podcast.publishing import episode_guid, load_catalog, publish
    from podcast.publishing.audiences import audience_show

    show = load_show(show_toml)
    catalog = load_catalog(site)
    first = dt.date(2018, 4, 9)

    def renumbered(entry, n: int, feed_url: str):
        for path in [entry.audio, *entry.sidecars.values()]:
            target = site / as_number(path, n)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                os.link(site / path, target)
        return replace(entry, number=n, guid=episode_guid(feed_url, n), title=f"AN #{n}: {entry.title}",
                       date=(first + dt.timedelta(weeks=n - 1)).isoformat(), audio=as_number(entry.audio, n),
                       sidecars={k: as_number(v, n) for k, v in entry.sidecars.items()})

    numbers = [n for n in range(1, count + 1) if n != 99]
    entries = [(renumbered(catalog.episodes[99], n, show.feed_url), {}) for n in numbers]
    feeds = {f.name: [(renumbered(catalog.feeds[f.name][99], n, audience_show(show, f).feed_url), {}) for n in numbers]
             for f in show.feeds if 99 in catalog.feeds.get(f.name, {})}
    publish(site, show, catalog, entries, None, feeds)


def index_sizes(site: Path) -> dict[str, int]:
    """Bytes of the site's index files: each top-level file or folder but the episodes' (feed.xml, feeds/,
    catalog.json, index.html, assets/, and whatever else the publish step writes), and the episode pages."""
    sizes: dict[str, int] = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.name.startswith("."):
            continue
        parts = path.relative_to(site).parts
        if parts[0] != "episodes":
            key = parts[0] + ("/" if len(parts) > 1 else "")
        elif path.suffix == ".html":
            key = "episodes/*/*.html"
        else:
            continue
        sizes[key] = sizes.get(key, 0) + path.stat().st_size
    return sizes


def archive(tmp: Path, repeats: int, jobs: list[str], count: int = 200) -> tuple[list[float], list[float]]:
    """(i): the one-edit rebuild of AN #99 in a site of AN #99 alone and in one of `count` episodes, one cache for
    both (each build voices its own edit: the two alternate edits); prints the runs and the index sizes, returns
    the wall times (one-episode site, archive site)."""
    show = make_show(tmp / "archive")
    with (show / "podcast.toml").open("a", encoding="utf-8") as toml:
        toml.write(ARCHIVE_FEED)
    episode = show / "episodes" / "099"
    issue = episode / "issue.txt"
    original = issue.read_text(encoding="utf-8")
    one, many = show / "one", show / "many"
    podcast("build", str(episode), "--site", str(one), "--cache", str(show / "cache"), *jobs, cwd=show)
    shutil.copytree(one, many, copy_function=os.link)
    started = time.perf_counter()
    publish_archive(many, show / "podcast.toml", count)
    print(f"  (i) AN #99 published under {count} numbers in {time.perf_counter() - started:.1f} s", flush=True)
    times: dict[Path, list[float]] = {one: [], many: []}
    published: dict[Path, list[float]] = {one: [], many: []}
    for r in range(repeats):
        for k, site in enumerate((one, many) if r % 2 == 0 else (many, one)):
            issue.write_text(original, encoding="utf-8")
            edit_one_summary(issue, 1000 + 2 * r + k)
            run = podcast("build", str(episode), "--site", str(site), "--cache", str(show / "cache"), *jobs, cwd=show)
            assert "(1 synthesized" in run.stderr, run.stderr
            times[site].append(run.wall_s)
            found = re.search(r"published \d+ episode\(s\) into a site of \d+ in ([\d.]+) s", run.stderr)
            published[site].append(float(found[1]) if found else float("nan"))
        print(f"  run {r + 1} of (i): 1 episode {times[one][-1]:.2f} s (publish {published[one][-1]:.2f} s), "
              f"{count} episodes {times[many][-1]:.2f} s (publish {published[many][-1]:.2f} s)", flush=True)
    print(f"  (i) publish step alone: 1 episode median {median(published[one]):.2f} s, {count} episodes "
          f"median {median(published[many]):.2f} s")
    small, large = index_sizes(one), index_sizes(many)
    print(f"  (i) index files, 1 -> {count} episodes:")
    for key in sorted(set(small) | set(large)):
        a, b = small.get(key, 0), large.get(key, 0)
        print(f"      {key:<24} {a / 1e3:10.1f} kB -> {b / 1e3:10.1f} kB   x{b / a if a else float('inf'):.1f}")
    return times[one], times[many]


def voicing_s(stderr: str) -> float | None:
    found = re.search(r"segments, \d+ s of audio in ([\d.]+) s", stderr)
    return float(found[1]) if found else None


def check_s(run: Run) -> tuple[float, float, int, int]:
    """`podcast check`'s wall time, the check's own seconds, how many segments it heard (from its last line) and
    its peak memory (MB)."""
    found = re.search(r"\((\d+) heard, ([\d.]+) s\)", run.stderr)
    assert found, run.stderr
    return round(run.wall_s, 1), float(found[2]), int(found[1]), round(run.peak_mb)


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt(values: list[float]) -> str:
    return f"median {median(values):7.2f} s   (runs: {' '.join(f'{v:.2f}' for v in values)})"


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeats", type=int, default=3, help="runs of (a)-(d) (default 3)")
    p.add_argument("--e-repeats", type=int, default=1, help="runs of (e), 8 builds each (default 1)")
    p.add_argument("--jobs", type=int, help="podcast build --jobs (default: one per core)")
    p.add_argument("--issues", choices=["auto", "corpus", "copies"], default="auto",
                   help="(e): 8 real corpus issues (needs the Markdown reader) or 8 edited copies of AN #99")
    p.add_argument("--only", choices=["all", "archive"], default="all", help="archive: (i) alone")
    p.add_argument("--archive", type=int, default=200, help="(i): episodes in the archive site (default 200)")
    sub = p.add_subparsers(dest="step")
    f = sub.add_parser("floor")
    for name in ["text_file", "mp3"]:
        f.add_argument(name, type=Path)
    f.add_argument("--threads", type=int, required=True)
    f.add_argument("--bitrate", type=int, required=True)
    f.add_argument("--rate", type=int, required=True)
    f.add_argument("--opus", type=int, default=0, help="Opus kbps (0: none)")
    args = p.parse_args()
    if args.step == "floor":
        return floor(args.text_file, args.mp3, args.threads, args.bitrate, args.rate, args.opus)

    sys.path.insert(0, str(REPO))
    from podcast.config import load_show
    from podcast.voicing import usable_cores

    cores = usable_cores()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    issues = args.issues if args.issues != "auto" else ("corpus" if corpus_ready() else "copies")
    show_settings = load_show(REPO / "podcast.toml")
    print(f"bench: AN #99, {cores} cores, podcast build {' '.join(jobs) or '(default jobs)'}, "
          f"{args.repeats} repeats; load average {os.getloadavg()[0]:.1f} at start", flush=True)
    if args.only == "archive":
        with tempfile.TemporaryDirectory(prefix="podcast-bench-") as tmp:
            i_one, i_many = archive(Path(tmp), args.repeats, jobs, args.archive)
        print(f"(i) one-edit rebuild, 1-episode site {fmt(i_one)}; {args.archive}-episode site {fmt(i_many)}")
        ratio = median(i_many) / median(i_one)
        print(f"{'i':>22} = {ratio:8.3f}   target <= {TARGETS['i']:g}: {verdict(ratio, TARGETS['i'])}")
        return
    with tempfile.TemporaryDirectory(prefix="podcast-bench-") as tmp:
        tmp = Path(tmp)
        i_one, i_many = archive(tmp, args.repeats, jobs, args.archive)
        text = tmp / "spoken.txt"
        text.write_text(spoken_text(make_show(tmp / "text-show")), encoding="utf-8")
        a, b, c, d, g, peaks, voicing, voicing_peaks = [], [], [], [], [], [], [], []
        h_cold, h_again, h_edit = [], [], []
        floor_opus, b_plain, d_plain = [], [], []
        opus_kbps = show_settings.opus_bitrate_kbps if show_settings.opus_enabled else 0
        for r in range(args.repeats):
            floor_run = run_measured([sys.executable, __file__, "floor", str(text), str(tmp / f"floor{r}.mp3"),
                                      "--threads", str(cores), "--bitrate", str(show_settings.mp3_bitrate_kbps),
                                      "--rate", str(show_settings.mp3_sample_rate_hz), "--opus", str(opus_kbps)], REPO)
            a.append(floor_run.wall_s)
            floor_opus += [float(s) for s in re.findall(r"^encode opus ([\d.]+) s", floor_run.stderr, re.M)]
            show = make_show(tmp / f"show{r}")
            episode = show / "episodes" / "099"
            where = ["--site", str(show / "public"), "--cache", str(show / "cache"), *jobs]
            cold = podcast("build", str(episode), *where, cwd=show)
            b.append(cold.wall_s)
            if r == 0:
                sizes = {p.suffix: p.stat().st_size for p in (show / "public" / "episodes" / "099").glob("*-episode-*")}
                print("  AN #99: " + ", ".join(f"{k[1:]} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())), flush=True)
            peaks.append(cold.peak_mb)
            voicing_peaks.append(cold.voicing_peak_mb)
            voicing.append(voicing_s(cold.stderr) or float("nan"))
            again = podcast("build", str(episode), *where, cwd=show)
            assert "up to date" in again.stderr, again.stderr
            c.append(again.wall_s)
            status = podcast("status", str(episode), "--cache", str(show / "cache"), cwd=show)
            assert "voicing" not in status.stderr, status.stderr  # nothing synthesized: all of it cached
            g.append(status.wall_s)
            h_cold.append(check_s(podcast("check", str(episode), "--cache", str(show / "cache"), cwd=show)))
            h_again.append(check_s(podcast("check", str(episode), "--cache", str(show / "cache"), cwd=show)))
            edit_one_summary(episode / "issue.txt", r)
            edited = podcast("build", str(episode), *where, cwd=show)
            assert "(1 synthesized" in edited.stderr, edited.stderr
            d.append(edited.wall_s)
            h_edit.append(check_s(podcast("check", str(episode), "--cache", str(show / "cache"), cwd=show)))
            if opus_kbps:  # the same cold build and one-edit rebuild without the Opus alternate
                plain = make_show(tmp / f"plain{r}", opus=False)
                where = ["--site", str(plain / "public"), "--cache", str(plain / "cache"), *jobs]
                b_plain.append(podcast("build", str(plain / "episodes" / "099"), *where, cwd=plain).wall_s)
                edit_one_summary(plain / "episodes" / "099" / "issue.txt", r)
                d_plain.append(podcast("build", str(plain / "episodes" / "099"), *where, cwd=plain).wall_s)
            print(f"  run {r + 1}: a {a[-1]:.2f} s, b {b[-1]:.2f} s (voicing {voicing[-1]:.1f} s, peak "
                  f"{peaks[-1]:.0f} MB, {voicing_peaks[-1]:.0f} MB while voicing), c {c[-1]:.2f} s, d {d[-1]:.2f} s, "
                  f"g {g[-1]:.2f} s, h {h_cold[-1]} / {h_again[-1]} / {h_edit[-1]}", flush=True)
        f = []
        site = make_show(tmp / "three")
        three = [site / "episodes" / "099", *(corpus_issues(site, 2) if issues == "corpus" else an99_copies(site, 2))]
        where = ["--site", str(site / "public"), "--cache", str(site / "cache"), *jobs]
        podcast("build", *map(str, three), *where, cwd=site)
        original = (three[0] / "issue.txt").read_text(encoding="utf-8")
        for r in range(args.repeats):
            (three[0] / "issue.txt").write_text(original, encoding="utf-8")
            edit_one_summary(three[0] / "issue.txt", r)  # from the original: the edit of the run before is undone
            edited = podcast("build", *map(str, three), *where, cwd=site)
            assert "(1 synthesized" in edited.stderr and edited.stderr.count("is up to date") == 2, edited.stderr
            f.append(edited.wall_s)
            print(f"  run {r + 1} of (f): {f[-1]:.2f} s", flush=True)
        e = []
        for r in range(args.e_repeats):
            show = make_show(tmp / f"eight{r}")
            folders = corpus_issues(show, 8) if issues == "corpus" else an99_copies(show, 8)
            e.append(podcast("build", *map(str, folders), "--site", str(show / "public"), "--cache",
                             str(show / "cache"), *jobs, cwd=show).wall_s)
            print(f"  run {r + 1} of (e): {e[-1]:.2f} s", flush=True)

    what = ("8 corpus issues" if issues == "corpus" else "8 edited copies of AN #99 (no Markdown reader yet)")
    print()
    print(f"(a) floor: hibari ({cores} threads), whole text, one MP3 encode  {fmt(a)}")
    print(f"(b) cold podcast build                                {fmt(b)}   (voicing median {median(voicing):.1f} s)")
    print(f"(c) rebuild, nothing changed                          {fmt(c)}")
    print(f"(d) rebuild after editing one summary                 {fmt(d)}")
    print(f"(e) one build of {what}: {fmt(e) if e else 'skipped'}")
    print(f"(f) 3-issue site, rebuild after editing one summary   {fmt(f)}")
    print(f"(g) podcast status, AN #99, no takes                  {fmt(g)}")
    print("(h) podcast check (wall s, check s, segments heard, peak MB): cold " + "; ".join(map(str, h_cold)) + ", unchanged "
          + "; ".join(map(str, h_again)) + ", after one edit " + "; ".join(map(str, h_edit)))
    if floor_opus:
        print(f"Opus: its encode in (a) {fmt(floor_opus)}; without Opus (b) {fmt(b_plain)}, (d) {fmt(d_plain)}: "
              f"Opus adds {median(b) - median(b_plain):.2f} s to a cold build, "
              f"{median(d) - median(d_plain):.2f} s to a one-edit rebuild")
    ma, mb, mc, md = map(median, (a, b, c, d))
    rows = [("b/a", mb / ma, TARGETS["b/a"]), ("c/b", mc / mb, None), ("c (s)", mc, TARGETS["c_s"]),
            ("d/b", md / mb, TARGETS["d/b"]),
            *([("e/(8 b)", median(e) / (8 * mb), TARGETS["e/(8b)"])] if e else []),
            ("f/b", median(f) / mb, None), ("g (s)", median(g), None),
            ("i", median(i_many) / median(i_one), TARGETS["i"]),
            ("peak memory of b (MB)", median(peaks), TARGETS["peak_mb"]),
            ("  of which voicing (MB)", median(voicing_peaks), None)]
    for name, value, target in rows:
        print(f"{name:>22} = {value:8.3f}" + (f"   target <= {target:g}: {verdict(value, target)}" if target else ""))
    print(f"load average {os.getloadavg()[0]:.1f} at the end (the machine is shared; figures move with it)")


if __name__ == "__main__":
    main()
