"""Command line entry point. Errors are printed as one line with a non-zero exit, never a traceback."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from .commands import build, cache, check, deploy, new, script, serve, stats, status, studio, voices
from .commands.common import SHOW_HELP
from .errors import PodcastError
from .terminal import PrintableFormatter, one_line

COMMANDS = [new, build, script, status, check, studio, serve, deploy, stats, voices, cache]
"""Each subcommand module registers its own parser; a new command is one new module and one entry here."""
SHOWLESS = [serve, deploy]
"""Commands that read no show: --show is taken before them only, as for every command."""
NO_COMMAND = 2
"""The exit status of a bare `podcast`, which prints its help: argparse's for a command line that does nothing."""


class Version(argparse.Action):
    """--version: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("podcast")
        except PackageNotFoundError:
            number = "unknown (the package is not installed)"
        print(f"podcast {number}")
        parser.exit()


def add_show_option(parser: argparse.ArgumentParser) -> None:
    """--show after the subcommand too (`podcast build --show FILE ...`): in every subcommand's parser, where it
    sets args.show only when given, so one given before the subcommand stands otherwise."""
    subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subcommands:
        parser.add_argument("--show", type=Path, default=argparse.SUPPRESS, metavar="FILE", help=SHOW_HELP)
    for action in subcommands:
        for child in action.choices.values():
            add_show_option(child)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="podcast", description="Alignment Newsletter issues -> podcast episodes.")
    p.add_argument("--version", action=Version, help="print the package's version and exit")
    p.add_argument("--show", type=Path, metavar="FILE", help=SHOW_HELP)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    for command in COMMANDS:
        if command not in SHOWLESS:
            add_show_option(sub.choices[command.__name__.rsplit(".", 1)[-1]])
    return p


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.command is None:
        cli.print_help()
        return NO_COMMAND
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter("%(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    try:
        args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader closed the pipe (`podcast status | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the flush at exit would fail again
        return 128 + signal.SIGPIPE
    except PodcastError as e:
        for line in e.lines():
            print(f"podcast: error: {one_line(line)}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("podcast: interrupted; the published site is unchanged", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
