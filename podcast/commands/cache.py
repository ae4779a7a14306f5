"""podcast cache prune [--cache DIR] [--dry-run] [EPISODE_DIR...]: remove voiced segments that none of the
given episodes (default: every episode folder of the show) uses any more, and no other show sharing the cache
uses either (voicing/cache_usage.py: what each show's builds recorded)."""
from __future__ import annotations

from pathlib import Path

from ..errors import PodcastError
from ..terminal import one_line, plural
from .common import add_cache_option, cache_dirs, episodes_and_show


def show_episodes(show_root: Path) -> list[Path]:
    """Every folder under the show's episodes/ with an episode.toml."""
    return sorted(p.parent for p in (show_root / "episodes").glob("*/episode.toml"))


def used_keys(folders: list[Path], show) -> dict[Path, set[str]]:
    """Per episode, the cache keys of its segments and of their sentences, as a build computes them."""
    from ..episode import load_episode, load_voices
    from ..voicing import load_engines, plan_jobs, sentence_keys

    episodes = [load_episode(folder, show) for folder in folders]
    cast, lexicon = load_voices(show)
    engines = load_engines({s.role for e in episodes for s in e.script.segments}, cast)
    return {e.folder: {key for job in plan_jobs(e.script, cast, engines, lexicon)
                       for key in [job.key, *sentence_keys(job)]} for e in episodes}


def run_prune(args) -> None:
    from ..voicing import CacheUsage, SegmentCache

    folders, show = episodes_and_show(args, args.episodes)
    folders = folders or show_episodes(show.root)
    if not folders:
        raise PodcastError(f"{show.root / 'episodes'}: no episode folders; give the EPISODE_DIRs whose "
                           f"segments to keep")
    dirs = cache_dirs(args)
    usage = CacheUsage(dirs.shows)
    own = used_keys(folders, show)
    others, gone = usage.others(show.root)
    needed = set().union(*own.values())
    by_others = set().union(*(u.keys for u in others)) - needed
    cache = SegmentCache(dirs.segments)
    present = cache.keys()
    result = cache.prune(needed | by_others, dry_run=args.dry_run)
    if not args.dry_run:
        usage.record(show.root, own)
        for record in gone:
            record.record.unlink(missing_ok=True)
    verb = "would remove" if args.dry_run else "removed"
    print(f"{dirs.segments}: {verb} {plural(result.removed, 'unused entry', 'unused entries')} "
          f"({result.removed_bytes / 1e6:.1f} MB), kept {len(present & needed)} (segments and their sentences) used "
          f"by {plural(len(folders), 'episode')}")
    if others:
        print(one_line(f"kept {len(present & by_others)} more used by {plural(len(others), 'other show')} sharing "
                       f"this cache: {', '.join(str(u.show) for u in others)}"))
    if gone:
        print(one_line(f"{'would forget' if args.dry_run else 'forgot'} {plural(len(gone), 'other show')} whose "
                       f"episode folders are gone: {', '.join(str(u.show) for u in gone)}"))


def register(sub) -> None:
    p = sub.add_parser("cache", help="manage the segment cache")
    actions = p.add_subparsers(dest="action", required=True)
    prune = actions.add_parser("prune", help="remove cached segments no episode of this show or another uses")
    prune.add_argument("episodes", type=Path, nargs="*", metavar="EPISODE_DIR",
                       help="episodes whose segments to keep, as folders or issue numbers (default: every "
                            "folder under the show's episodes/)")
    prune.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    add_cache_option(prune)
    prune.set_defaults(run=run_prune)
