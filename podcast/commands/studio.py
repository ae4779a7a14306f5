"""podcast studio EPISODE_DIR [--port N] [--no-browser]: the narrator's recording studio on loopback."""
from __future__ import annotations

import secrets
import signal
import sys
import webbrowser
from pathlib import Path

from .common import add_cache_option, cache_dirs, load_show_for
from .serve import port


def run(args) -> None:
    import uvicorn

    from ..episode import load_episode, load_voices
    from ..folders import EpisodeFolder
    from ..serving import bind_loopback
    from ..studio.app import Studio, studio_app
    from ..voicing import SegmentCache, voice_script_here

    show = load_show_for(args, [args.episode])
    episode = load_episode(args.episode, show)
    sock = bind_loopback(args.port)  # before the TTS, so a busy port fails at once
    caches = cache_dirs(args)
    cast, lexicon = load_voices(show)
    print(f"voicing the reference TTS of {len(episode.script.segments)} segments (cached after the first time)...",
          file=sys.stderr, flush=True)
    tts = voice_script_here(episode.script, cast, lexicon, SegmentCache(caches.segments))
    studio = Studio(args.episode, episode.meta.title, episode.script, tts, caches.recognition, lexicon)
    studio.refresh()
    token = secrets.token_urlsafe(24)
    host, number = sock.getsockname()
    url = f"http://{host}:{number}/?token={token}"
    server = uvicorn.Server(uvicorn.Config(studio_app(studio, token, number), log_level="warning", access_log=False,
                                           lifespan="off"))
    # From the moment the address is printed, Ctrl-C asks the server to stop instead of raising KeyboardInterrupt,
    # which could land inside asyncio or uvicorn setting up (a half-made event loop's traceback on the way out);
    # uvicorn takes the signal over while it serves and hands it back when it has shut down.
    previous = signal.signal(signal.SIGINT, lambda signum, frame: setattr(server, "should_exit", True))
    try:
        print(f"studio for {args.episode} at {url} (Ctrl-C stops)", flush=True)
        if not args.no_browser:
            webbrowser.open(url)
        server.run(sockets=[sock])
    finally:
        signal.signal(signal.SIGINT, previous)
    print("studio stopped; the takes are in", EpisodeFolder(args.episode).recordings, file=sys.stderr)


def register(sub) -> None:
    p = sub.add_parser("studio", help="record, hear and check each segment's take in the browser (loopback)")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR")
    p.add_argument("--port", type=port, default=8765, help="port on 127.0.0.1 (default: 8765; 0 picks a free one)")
    p.add_argument("--no-browser", action="store_true", help="print the address without opening a browser")
    add_cache_option(p)
    p.set_defaults(run=run)
