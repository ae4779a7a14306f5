"""Command line entry point. Errors are printed as one line with a non-zero exit, never a traceback."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from .commands import build, cache, check, deploy, new, script, serve, stats, status, studio, voices
from .errors import PodcastError

COMMANDS = [new, build, script, status, check, studio, serve, deploy, stats, voices, cache]
"""Each subcommand module registers its own parser; a new command is one new module and one entry here."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="podcast", description="Alignment Newsletter issues -> podcast episodes.")
    p.add_argument("--show", type=Path, help="podcast.toml (default: the nearest one above the episode folder)")
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader closed the pipe (`podcast status | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the flush at exit would fail again
        return 128 + signal.SIGPIPE
    except PodcastError as e:
        print(f"podcast: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("podcast: interrupted; the published site is unchanged", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
