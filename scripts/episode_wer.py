"""Intelligibility of a whole episode: Whisper tiny.en's word error rate on the episode as the build voices it, per
chapter and overall (run by scripts/episode-wer; the measure is podcast/listening/episode_wer.py's, which
tests/listening/test_episode_wer.py holds two corpus issues to)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from podcast.commands.common import add_cache_option, cache_dirs  # noqa: E402
from podcast.config import load_show  # noqa: E402
from podcast.episode import load_episode, load_voices  # noqa: E402
from podcast.listening import EpisodeRates, episode_rates, listen  # noqa: E402
from podcast.voicing import SegmentCache, voice_script_here  # noqa: E402


def measure(episode_dir: Path, caches) -> EpisodeRates:
    """The episode voiced as the build voices it (its segments from the cache when built), checked, measured."""
    show = load_show(REPO / "podcast.toml")
    script = load_episode(episode_dir, show).script
    cast, lexicon = load_voices(show)
    audios = voice_script_here(script, cast, lexicon, SegmentCache(caches.segments))
    report = listen(script, audios, lexicon.respell, caches.recognition, caches.listening)
    return episode_rates(script, audios, report, caches.recognition)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episode", type=Path, nargs="?", default=REPO / "episodes" / "099")
    add_cache_option(parser)
    parser.add_argument("--findings", action="store_true", help="also print every word heard differently")
    parser.add_argument("--json", type=Path, help="also write the chapters' figures and the findings here")
    args = parser.parse_args()
    rates = measure(args.episode, cache_dirs(args))
    print(rates.table())
    if args.findings:
        for f in rates.findings:
            print(f"{f.segment_id}  {f.start_s:6.1f}  {f.written!r} -> {f.heard!r}")
    if args.json:
        args.json.write_text(json.dumps(rates.as_json(), indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
