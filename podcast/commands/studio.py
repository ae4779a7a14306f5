"""podcast studio EPISODE_DIR [--port N] [--no-browser]: the narrator's recording studio on loopback."""
from __future__ import annotations

import secrets
import signal
import sys
import webbrowser
from pathlib import Path

from ..terminal import plural
from .common import EPISODE_HELP, add_cache_option, cache_dirs, episodes_and_show
from .serve import port


def run(args) -> None:
    import uvicorn

    from ..episode import load_episode, load_voices
    from ..serving import bind_loopback
    from ..studio.app import Studio, studio_app
    from ..voicing import SegmentCache, voice_script_here

    [folder], show = episodes_and_show(args, [args.episode])
    episode = load_episode(folder, show, narrator_reads_statement=True)
    sock = bind_loopback(args.port)  # before the TTS, so a busy port fails at once
    caches = cache_dirs(args)
    cast, lexicon = load_voices(show)
    print(f"voicing the reference TTS of {plural(len(episode.script.segments), 'segment')} (cached after the first "
          f"time)...",
          file=sys.stderr, flush=True)
    tts = voice_script_here(episode.script, cast, lexicon, SegmentCache(caches.segments))
    studio = Studio(folder, episode.meta.title, episode.script, tts, caches.recognition, lexicon)
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
        print(f"studio for {folder} at {url} (Ctrl-C stops)", flush=True)
        if not args.no_browser:
            webbrowser.open(url)
        server.run(sockets=[sock])
    finally:
        signal.signal(signal.SIGINT, previous)
    print(goodbye(folder, [s.id for s in episode.script.segments]), file=sys.stderr)


def goodbye(folder: Path, segment_ids: list[str]) -> str:
    """The studio's last line: how many takes the episode has and where, or that it has none."""
    from ..folders import EpisodeFolder
    from ..narration.takes import find_takes

    files = EpisodeFolder(folder)
    takes, _ = find_takes(files, segment_ids)
    if not takes:
        return f"studio stopped; no takes recorded (they go in {files.recordings})"
    return (f"studio stopped; {plural(len(takes), 'take')} in {files.recordings} (podcast status {folder} checks "
            f"them, podcast build {folder} uses them)")


def register(sub) -> None:
    p = sub.add_parser("studio", help="record, hear and check each segment's take in the browser (loopback)")
    p.add_argument("episode", type=Path, metavar="EPISODE_DIR", help=EPISODE_HELP)
    p.add_argument("--port", type=port, default=8765, help="port on 127.0.0.1 (default: 8765; 0 picks a free one)")
    p.add_argument("--no-browser", action="store_true", help="print the address without opening a browser")
    add_cache_option(p)
    p.set_defaults(run=run)
