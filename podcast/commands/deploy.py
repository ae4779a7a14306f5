"""podcast deploy DEST [--site DIR] [--dry-run] [--include-producer-files] [--delete]: the built site to an rclone
remote or a folder, media first and the feeds last, what only the producer reads left home; a progress bar on a
terminal, one summary line otherwise (and a closing line when the remote keeps files the site does not publish)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..deploy import Plan, Progress, Report


def size_text(n: int) -> str:
    return f"{n} B" if n < 1000 else f"{n / 1e3:.1f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"


def files_text(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


class Bar(Progress):
    """Bytes and files sent, with time left: a tqdm bar on stderr."""

    def __init__(self, stream):
        self.stream, self._bar, self.files = stream, None, 0

    def start(self, plan: Plan, sizes: dict[str, int]) -> None:
        from tqdm import tqdm

        self.files = len(plan.sent)
        if self.files:
            sized = _columns(self.stream) > 0  # a terminal that reports no width would get an empty bar
            self._bar = tqdm(total=sum(sizes[p] for p in plan.sent), unit="B", unit_scale=True, unit_divisor=1000,
                             desc=f"deploy: 0/{self.files} files:", file=self.stream, leave=False,
                             dynamic_ncols=sized, ncols=None if sized else 80,
                             bar_format="{desc} {percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B "
                                        "[{elapsed}<{remaining}, {rate_fmt}]")

    def advance(self, bytes_sent: int, files_sent: int) -> None:
        if self._bar is not None:
            self._bar.set_description_str(f"deploy: {files_sent}/{self.files} files:", refresh=False)
            self._bar.update(max(0, min(bytes_sent, self._bar.total) - self._bar.n))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _columns(stream) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        return 0


def kept_home_text(plan: Plan) -> str:
    """", 3 files only the producer reads kept home (--include-producer-files sends them)", or nothing."""
    if not plan.kept_home:
        return ""
    return f", {files_text(len(plan.kept_home))} only the producer reads kept home (--include-producer-files sends them)"


def left_line(plan: Plan) -> list[str]:
    """The closing line when files earlier deploys sent stay on the remote: how many, and how to remove them."""
    if not plan.left:
        return []
    named = ", ".join(plan.left[:3]) + (f" and {len(plan.left) - 3} more" if len(plan.left) > 3 else "")
    return [f"the remote still holds {files_text(len(plan.left))} this site does not publish ({named}); "
            f"deploy with --delete removes them"]


def dry_run_lines(report: Report) -> list[str]:
    from ..deploy import kind_of

    plan = report.plan
    lines = [f"would send ({kind_of(path)}): {path} ({size_text(report.sizes[path])})"
             for paths in plan.send for path in paths]
    lines += [f"would keep home ({kind_of(path)}): {path}" for path in plan.kept_home]
    lines += [f"would remove: {path}" for path in plan.remove]
    return lines + [f"dry run: would send {files_text(len(plan.sent))} ({size_text(report.bytes_sent)}) to "
                    f"{report.dest} and remove {len(plan.remove)}; {plan.unchanged} unchanged{kept_home_text(plan)}; "
                    f"nothing was changed"] + left_line(plan)


def summary(report: Report, site: Path) -> list[str]:
    plan = report.plan
    if not plan.sent and not plan.remove:
        return [f"{report.dest} is up to date with {site}: {files_text(plan.unchanged)} unchanged, nothing sent"
                f"{kept_home_text(plan)} ({report.seconds:.1f} s)"] + left_line(plan)
    return [f"deployed {site} to {report.dest}; sent {files_text(len(plan.sent))} ({size_text(report.bytes_sent)}), "
            f"removed {len(plan.remove)}, {plan.unchanged} unchanged{kept_home_text(plan)} "
            f"({report.seconds:.1f} s)"] + left_line(plan)


def run(args) -> None:
    from ..deploy import deploy
    progress = Bar(sys.stderr) if sys.stderr.isatty() else None
    report = deploy(args.site, args.dest, dry_run=args.dry_run, delete=args.delete, progress=progress,
                    producer_files=args.include_producer_files)
    print("\n".join(dry_run_lines(report) if args.dry_run else summary(report, args.site)))


def register(sub) -> None:
    p = sub.add_parser("deploy", help="publish the built site to an rclone remote or a folder (media first, feeds last)")
    p.add_argument("dest", metavar="DEST",
                   help="an rclone remote (name:path, or on the fly, e.g. :webdav,url='https://host/dav',vendor=other:) "
                        "or a local folder")
    p.add_argument("--site", type=Path, default=Path("public"), help="the built site (default: public/)")
    p.add_argument("--dry-run", action="store_true", help="print what would be sent and removed; change nothing")
    p.add_argument("--include-producer-files", action="store_true",
                   help="also send what only the producer reads: the review pages (episodes/NNN/review.html) and "
                        "their assets, and catalog.json (default: they stay home)")
    p.add_argument("--delete", action="store_true",
                   help="after the new feeds are in place, remove files earlier deploys sent that this one does not "
                        "(gone from the site, or kept home), never one a feed names")
    p.set_defaults(run=run)
