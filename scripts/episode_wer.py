"""Intelligibility of a whole episode: Whisper tiny.en's word error rate on the episode as the build voices it, per
chapter and overall (run by scripts/episode-wer; not part of the suite).

It is the listening check's measure (podcast/listening): each segment heard whole, its words aligned with the
script as a listener should hear it. The reference is the written text, names as written, brackets read as
pauses, Whisper's English normaliser (`whisper-normalizer`) on both sides; a word one side writes as two counts
once, and a word heard as the lexicon's [say] entry says it ("OOD" as "out of distribution") counts as heard.
A word error is a substitution, deletion or insertion of one written word (a number said in several words is
one word). Beside each chapter's rate: the rate of the same heard words against the previous and the next
chapter's text, which must be far higher (the chapter is heard as itself, not merely as English)."""
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
from podcast.hearing import Heard, audio_key  # noqa: E402
from podcast.listener import listened  # noqa: E402
from podcast.listening import listen  # noqa: E402
from podcast.narration.matching import error_rate  # noqa: E402
from podcast.voicing import SegmentCache, voice_script_here  # noqa: E402


def measure(episode_dir: Path, caches) -> tuple[list[dict], list]:
    """Per chapter: its title, words, errors, and its heard words' error rate against its neighbours' texts;
    and the findings."""
    show = load_show(REPO / "podcast.toml")
    script = load_episode(episode_dir, show).script
    cast, lexicon = load_voices(show)
    audios = voice_script_here(script, cast, lexicon, SegmentCache(caches.segments))
    report = listen(script, audios, lexicon.respell, caches.recognition, caches.listening)
    heard = Heard(caches.recognition)
    chapters: dict[str, dict] = {}
    for segment, audio, check in zip(script.segments, audios, report.checks):
        chapter = chapters.setdefault(segment.chapter, dict(chapter=segment.chapter, words=0, errors=0, text=[],
                                                            heard=[]))
        chapter["words"] += check.words
        chapter["errors"] += check.errors
        chapter["text"].append(segment.text)
        chapter["heard"] += [w.word for w in heard.cached(audio_key(audio.samples, audio.sample_rate)) or []]
    rows = list(chapters.values())
    for n, row in enumerate(rows):
        said = listened(" ".join(row["heard"]))
        row["own"] = error_rate(listened(" ".join(row["text"])), said)
        row["neighbours"] = [error_rate(listened(" ".join(rows[k]["text"])), said)
                             for k in (n - 1, n + 1) if 0 <= k < len(rows)]
    return rows, report.findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episode", type=Path, nargs="?", default=REPO / "episodes" / "099")
    add_cache_option(parser)
    parser.add_argument("--findings", action="store_true", help="also print every word heard differently")
    parser.add_argument("--json", type=Path, help="also write the chapters' figures and the findings here")
    args = parser.parse_args()
    rows, findings = measure(args.episode, cache_dirs(args))
    print("   WER  words  errors  neighbours  chapter")
    for n, row in enumerate(rows):
        others = " ".join(f"{e * 100:3.0f}%" for e in row["neighbours"])
        print(f"{n:>2} {row['errors'] / row['words'] * 100:5.1f}%  {row['words']:5d}  {row['errors']:6d}  {others:>10}  "
              f"{row['chapter'][:60]}")
    words, errors = sum(r["words"] for r in rows), sum(r["errors"] for r in rows)
    worst = max(r["errors"] / r["words"] for r in rows)
    apart = all(r["own"] < min(r["neighbours"], default=1.0) for r in rows)
    print(f"episode: {errors / words * 100:.1f}% of {words} words (worst chapter {worst * 100:.1f}%); every chapter "
          f"{'fits its own text better than its neighbours' if apart else 'does NOT fit its own text best'}")
    if args.findings:
        for f in findings:
            print(f"{f.segment_id}  {f.start_s:6.1f}  {f.written!r} -> {f.heard!r}")
    if args.json:
        data = {"chapters": [{k: v for k, v in r.items() if k not in ("text", "heard")} for r in rows],
                "findings": [f.as_json() for f in findings]}
        args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
