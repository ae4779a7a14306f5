"""Intelligibility of a whole episode: pocketsphinx's word error rate on the default voice reading every
sentence of an episode's script, per chapter and overall (run by scripts/episode-wer; not part of the suite).

The reference is what the voice should be heard saying: the script with the lexicon's respellings applied
(Lexicon.respell: a word the voice says by its own phoneme entry counts as its respelling, or as written
when it has none). Each sentence is recognised on its own, so one misheard sentence does not shift the
alignment of the rest. pocketsphinx is weak (a human reading scores about 31%, the default
voice about 13% on clean prose): a chapter far above 13% points at text the voice reads badly.

Three figures. "plain": pocketsphinx as it comes, its words compared as written. "joined": the same words,
with a reference word the recogniser writes split ("news letter", "a i" for AI) counted as heard
(join_split_words, a spelling normalisation as sclite's GLM files make). "scored": a disclosed measurement
choice for what pocketsphinx cannot hear whatever the voice does: every reference word missing from its
72.6k-word dictionary (names, "contrastive", "minibatch"...) is also added to it with espeak-ng's
pronunciation, an independent reader's, and split words are joined as in "joined"."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from podcast.episode import load_episode, load_voices  # noqa: E402
from podcast.commands.common import add_cache_option, cache_dirs  # noqa: E402
from podcast.config import load_show  # noqa: E402
from podcast.recognition import espeak_pronunciations, join_split_words, transcribe, unknown_words, words  # noqa: E402
from podcast.voicing import SegmentCache, plan_jobs, voice_script_here, load_engines  # noqa: E402
from podcast.voicing.voice import split_by_sentence  # noqa: E402


def measure(episode_dir: Path, cache_dir: Path, chapters: set[int] | None = None) -> list[dict]:
    """Per sentence (of the chapters numbered, or all): chapter, the reference words, the words heard by
    the recogniser as it comes ("heard") and given the episode's reference words it lacks ("heard_added"),
    with the errors of each: plain, and scored (heard_added with split words joined)."""
    show = load_show(REPO / "podcast.toml")
    episode = load_episode(episode_dir, show)
    cast, lexicon = load_voices(show)
    script = episode.script
    engines = load_engines({s.role for s in script.segments}, cast)
    jobs = plan_jobs(script, cast, engines, lexicon)
    audios = voice_script_here(script, cast, lexicon, SegmentCache(cache_dir))
    titles = list(dict.fromkeys(s.chapter for s in script.segments))
    sentences = [(segment.chapter, segment.id, words(lexicon.respell(written).replace("’", "'")), part)
                 for segment, job, audio in zip(script.segments, jobs, audios)
                 for written, part in zip(job.written, split_by_sentence(audio))]
    sentences = [s for s in sentences if s[2]]
    unknown = unknown_words(w for s in sentences for w in s[2].split())
    added = frozenset(espeak_pronunciations(unknown).items()) if unknown else frozenset()
    rows = []
    for chapter, segment_id, reference, part in sentences:
        if chapters is not None and titles.index(chapter) not in chapters:
            continue
        row = dict(chapter=chapter, number=titles.index(chapter), segment=segment_id, reference=reference,
                   words=len(reference.split()), unknown=sum(w in unknown for w in reference.split()))
        row["heard"] = words(transcribe(part.samples, part.sample_rate))
        row["heard_added"] = words(transcribe(part.samples, part.sample_rate, added=added))
        row["errors"] = errors(reference, row["heard"])
        row["errors_joined"] = errors(reference, join_split_words(reference, row["heard"]))
        row["errors_scored"] = errors(reference, join_split_words(reference, row["heard_added"]))
        rows.append(row)
    return rows


def errors(reference: str, heard: str) -> int:
    """Substitutions, deletions and insertions (jiwer)."""
    import jiwer

    out = jiwer.process_words(reference, heard or "")
    return out.substitutions + out.deletions + out.insertions


def summary(rows: list[dict], key: str = "") -> tuple[list[tuple[str, int, float]], float]:
    """Per chapter (title, words, rate) and the rate over all rows, of the errors under errors+key."""
    chapters: dict[str, list[int]] = {}
    for row in rows:
        errors, n = chapters.setdefault(row["chapter"], [0, 0])
        chapters[row["chapter"]] = [errors + row["errors" + key], n + row["words"]]
    table = [(title, n, errors / n) for title, (errors, n) in chapters.items()]
    total = sum(r["errors" + key] for r in rows) / sum(r["words"] for r in rows)
    return table, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episode", type=Path, nargs="?", default=REPO / "episodes" / "099")
    add_cache_option(parser)
    parser.add_argument("--chapters", type=lambda s: {int(n) for n in s.split(",")},
                        help="score only these chapters (numbers as printed, comma-separated)")
    parser.add_argument("--json", type=Path, help="also write every sentence's reference and heard words here")
    args = parser.parse_args()
    rows = measure(args.episode, cache_dirs(args).segments, args.chapters)
    plain, total = summary(rows)
    joined, total_joined = summary(rows, "_joined")
    scored, total_scored = summary(rows, "_scored")
    numbers = {row["chapter"]: row["number"] for row in rows}
    unknown = {}
    for row in rows:
        unknown[row["chapter"]] = unknown.get(row["chapter"], 0) + row["unknown"]
    print("     plain  joined  scored  words  unknown  chapter")
    for (title, n, rate), (_, _, rate_joined), (_, _, rate_scored) in zip(plain, joined, scored):
        print(f"{numbers[title]:>2}  {rate * 100:5.1f}%  {rate_joined * 100:5.1f}%  {rate_scored * 100:5.1f}%  {n:5d}  "
              f"{unknown[title]:7d}  {title[:60]}")
    n = sum(r["words"] for r in rows)
    print(f"whole: plain {total * 100:.1f}% (worst chapter {max(r for _, _, r in plain) * 100:.1f}%), "
          f"joined {total_joined * 100:.1f}% (worst {max(r for _, _, r in joined) * 100:.1f}%), "
          f"scored {total_scored * 100:.1f}% (worst {max(r for _, _, r in scored) * 100:.1f}%); "
          f"{n} words, {sum(unknown.values())} unknown to the recogniser")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
