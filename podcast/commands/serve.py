"""podcast serve [--site DIR] [--port N]: preview the site on loopback, as podcast apps would stream it."""
from __future__ import annotations

import argparse
from pathlib import Path


def run(args) -> None:
    from ..errors import PublishError
    from ..serving import bind_loopback, serve

    if not args.site.is_dir():
        raise PublishError(f"{args.site}: no such site folder (build an episode into it first)")
    sock = bind_loopback(args.port)
    host, port = sock.getsockname()
    print(f"serving {args.site} at http://{host}:{port}/ (feed: http://{host}:{port}/feed.xml); Ctrl-C stops",
          flush=True)
    serve(args.site, sock)


def port(value: str) -> int:
    number = int(value) if value.isdigit() else -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (0-65535)")
    return number


def register(sub) -> None:
    p = sub.add_parser("serve", help="preview the site on loopback (byte ranges, CORS, podcast content types)")
    p.add_argument("--site", type=Path, default=Path("public"), help="site folder (default: public/)")
    p.add_argument("--port", type=port, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    p.set_defaults(run=run)
