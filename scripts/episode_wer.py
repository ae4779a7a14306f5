"""Intelligibility of a whole episode: pocketsphinx's word error rate on the default voice reading every
sentence of an episode's script, per chapter and overall (run by scripts/episode-wer; not part of the suite).

The reference is what the voice should be heard saying: the script with the lexicon's respellings applied
(Lexicon.respell: a word the voice says by its own phoneme entry counts as its respelling, or as written
when it has none). Each sentence is recognised on its own, so one misheard sentence does not shift the
alignment of the rest. pocketsphinx is weak (a human reading scores about 31%, the default
voice about 13% on clean prose): a chapter far above 13% points at text the voice reads badly."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from podcast.build import load_episode, load_voices  # noqa: E402
from podcast.commands.common import add_cache_option, cache_dir  # noqa: E402
from podcast.config import load_show  # noqa: E402
from podcast.recognition import transcribe, words  # noqa: E402
from podcast.voicing import SegmentCache, plan_jobs, voice_script_here, load_engines  # noqa: E402
from podcast.voicing import split_by_sentence  # noqa: E402


def measure(episode_dir: Path, cache_dir: Path) -> list[dict]:
    """Per sentence: chapter, the reference words, the heard words."""
    import jiwer

    show = load_show(REPO / "podcast.toml")
    episode = load_episode(episode_dir, show)
    cast, lexicon = load_voices(show)
    script = episode.script
    engines = load_engines({s.role for s in script.segments}, cast)
    jobs = plan_jobs(script, cast, engines, lexicon)
    audios = voice_script_here(script, cast, lexicon, SegmentCache(cache_dir))
    rows = []
    for segment, job, audio in zip(script.segments, jobs, audios):
        for written, part in zip(job.written, split_by_sentence(audio)):
            reference = words(lexicon.respell(written).replace("’", "'"))
            heard = words(transcribe(part.samples, part.sample_rate))
            if not reference:
                continue
            out = jiwer.process_words(reference, heard or "")
            rows.append(dict(chapter=segment.chapter, segment=segment.id, reference=reference, heard=heard,
                             errors=out.substitutions + out.deletions + out.insertions,
                             words=len(reference.split())))
    return rows


def summary(rows: list[dict]) -> tuple[list[tuple[str, int, float]], float]:
    chapters: dict[str, list[int]] = {}
    for row in rows:
        errors, n = chapters.setdefault(row["chapter"], [0, 0])
        chapters[row["chapter"]] = [errors + row["errors"], n + row["words"]]
    table = [(title, n, errors / n) for title, (errors, n) in chapters.items()]
    total = sum(r["errors"] for r in rows) / sum(r["words"] for r in rows)
    return table, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episode", type=Path, nargs="?", default=REPO / "episodes" / "099")
    add_cache_option(parser)
    parser.add_argument("--json", type=Path, help="also write every sentence's reference and heard words here")
    args = parser.parse_args()
    rows = measure(args.episode, cache_dir(args))
    table, total = summary(rows)
    for i, (title, n, rate) in enumerate(table):
        print(f"{i:2d}  {rate * 100:5.1f}%  {n:5d} words  {title[:70]}")
    print(f"whole episode: {total * 100:.1f}% of {sum(n for _, n, _ in table)} words; "
          f"worst chapter {max(r for _, _, r in table) * 100:.1f}%")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
