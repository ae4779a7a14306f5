"""podcast cache prune [--cache DIR] [--dry-run] [EPISODE_DIR...]: remove voiced segments that none of the
given episodes (default: every episode folder of the show) uses any more."""
from __future__ import annotations

from pathlib import Path

from ..errors import PodcastError
from ..terminal import plural
from .common import add_cache_option, cache_dirs, episodes_and_show


def show_episodes(show_root: Path) -> list[Path]:
    """Every folder under the show's episodes/ with an episode.toml."""
    return sorted(p.parent for p in (show_root / "episodes").glob("*/episode.toml"))


def used_keys(folders: list[Path], show) -> set[str]:
    """The cache keys of every segment of these episodes and of their sentences, as a build computes them."""
    from ..episode import load_episode, load_voices
    from ..voicing import load_engines, plan_jobs, sentence_keys

    episodes = [load_episode(folder, show) for folder in folders]
    cast, lexicon = load_voices(show)
    engines = load_engines({s.role for e in episodes for s in e.script.segments}, cast)
    jobs = [job for e in episodes for job in plan_jobs(e.script, cast, engines, lexicon)]
    return {key for job in jobs for key in [job.key, *sentence_keys(job)]}


def run_prune(args) -> None:
    from ..voicing import SegmentCache

    folders, show = episodes_and_show(args, args.episodes)
    folders = folders or show_episodes(show.root)
    if not folders:
        raise PodcastError(f"{show.root / 'episodes'}: no episode folders; give the EPISODE_DIRs whose "
                           f"segments to keep")
    root = cache_dirs(args).segments
    result = SegmentCache(root).prune(used_keys(folders, show), dry_run=args.dry_run)
    verb = "would remove" if args.dry_run else "removed"
    print(f"{root}: {verb} {plural(result.removed, 'unused entry', 'unused entries')} "
          f"({result.removed_bytes / 1e6:.1f} MB), kept {result.kept} (segments and their sentences) used by "
          f"{plural(len(folders), 'episode')}")


def register(sub) -> None:
    p = sub.add_parser("cache", help="manage the segment cache")
    actions = p.add_subparsers(dest="action", required=True)
    prune = actions.add_parser("prune", help="remove cached segments no episode uses")
    prune.add_argument("episodes", type=Path, nargs="*", metavar="EPISODE_DIR",
                       help="episodes whose segments to keep, as folders or issue numbers (default: every "
                            "folder under the show's episodes/)")
    prune.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    add_cache_option(prune)
    prune.set_defaults(run=run_prune)
