"""The listening check: every segment as listeners will hear it, heard by Whisper and compared with its text;
findings in `podcast check`, `podcast status`, the build's summary and the review page, each segment heard once.
Real hibari, real Whisper, a real narrator's take (Piper's joe) misreading a word, the real CLI."""
import json
import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from podcast.caches import CacheDirs
from podcast.config import load_show
from podcast.episode import load_episode, load_voices
from podcast.listening import check_segment, listen
from podcast.narration import assess_takes
from podcast.recognition import hear
from podcast.voicing import SegmentCache, voice_script_here

from tests.support.narrator import speak, write_wav
from tests.support.show import an99_excerpt, copy_show, make_episode, run_podcast

SENTENCE = "Momentum Contrast builds a large dictionary of image representations on the fly, with a slow encoder."
MISREAD = ("collaborators", "competitors")
"""The narrator's take of BERI's news item says the second word where the script has the first."""


@cache
def heard_sentence():
    from hibari import Hibari

    return hear(Hibari(threads=1)(SENTENCE, seed=0), 24000)


def test_a_hibari_sentence_is_heard_as_written():
    check = check_segment("s", SENTENCE, heard_sentence(), lambda text: text)
    assert check.findings == () and check.errors == 0 and check.words == len(SENTENCE.split())


def test_a_wrong_text_is_flagged_at_the_words_that_differ_and_where_they_are_heard():
    wrong = SENTENCE.replace("large dictionary", "small vocabulary").replace("slow", "fast")
    check = check_segment("s", wrong, heard_sentence(), lambda text: text)
    assert [(f.written, f.heard.lower()) for f in check.findings] == [("small vocabulary", "large dictionary"),
                                                                    ("fast", "slow")]
    words = heard_sentence()
    large = next(w for w in words if w.word.lower() == "large")
    assert check.findings[0].start_s == large.start_s and check.findings[0].end_s > large.end_s
    assert check.errors == 3


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """AN #99's excerpt, BERI's news item read by the narrator (Piper's joe) with one word misread, built with
    --check."""
    root = copy_show(tmp_path_factory.mktemp("listening"))
    episode = make_episode(root / "episodes" / "099", 99, an99_excerpt())
    show = load_show(root / "podcast.toml")
    news = next(s for s in load_episode(episode, show).script.segments if s.kind == "news")
    write_wav(episode / "recordings" / f"{news.id}.wav", speak(news.text.replace(*MISREAD)))
    cache = root / "cache"
    done = run_podcast("build", str(episode), "--site", str(root / "public"), "--cache", str(cache), "--check")
    assert done.returncode == 0, done.stderr
    return root, episode, cache, news, done.stderr


@pytest.mark.slow
def test_the_build_checks_the_take_and_the_tts_and_puts_the_findings_on_the_review_page(checked):
    root, episode, cache, news, log = checked
    summary = re.search(r"episode 99: listening check: (\d+) findings? in \d+ of (\d+) segments checked", log)
    assert summary and int(summary[1]) >= 1, log
    page = (root / "public" / "episodes" / "099" / "review.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="finding" data-id="([^"]+)">\s*<td><button type="button" class="play" '
                      r'data-start="([\d.]+)" data-end="([\d.]+)">.*?<td>([^<]*)</td><td>([^<]*)</td></tr>', page, re.S)
    misread = [r for r in rows if r[0] == news.id and MISREAD[0] in r[3]]
    assert misread and MISREAD[1] in misread[0][4].lower(), rows
    assert float(misread[0][1]) < float(misread[0][2])


@pytest.mark.slow
def test_check_and_status_print_the_findings_and_an_unchanged_episode_is_not_heard_again(checked, monkeypatch):
    root, episode, cache, news, _ = checked
    done = run_podcast("check", str(episode), "--cache", str(cache), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["unchecked"] == [] and report["word_error_rate"] < 0.1
    assert any(f["id"] == news.id and MISREAD[0] in f["written"] and MISREAD[1] in f["heard"].lower()
               for f in report["findings"])
    status = run_podcast("status", str(episode), "--cache", str(cache), "--format", "json")
    segments = {s["id"]: s for s in json.loads(status.stdout)["segments"]}
    assert segments[news.id]["state"] == "matched"
    assert any(MISREAD[0] in f["written"] for f in segments[news.id]["findings"])
    assert json.loads(status.stdout)["listening"]["findings"] == report["findings"]
    text = run_podcast("status", str(episode), "--cache", str(cache)).stdout
    assert "heard differently:" in text and re.search(rf"{news.id}\s+\d:\d\d\.\d\s+.*{MISREAD[0]}", text)

    # in-process, the same caches: nothing is heard again, and one edit re-hears only the segment it changed
    show, caches = load_show(root / "podcast.toml"), CacheDirs(cache)
    cast, lexicon = load_voices(show)
    monkeypatch.setattr("podcast.hearing.hear", lambda *a: pytest.fail("an unchanged segment was heard again"))

    def check(folder: Path):
        script = load_episode(folder, show).script
        tts = voice_script_here(script, cast, lexicon, SegmentCache(caches.segments))
        takes = assess_takes(folder, script, tts, caches.recognition)
        audios = [takes.narrated.get(a.segment_id, a) for a in tts]
        return listen(script, audios, lexicon.respell, caches.recognition, caches.listening)

    again = check(episode)
    assert again.heard == 0 and [f.as_json() for f in again.findings] == report["findings"]
    print(f"unchanged episode checked again in {again.seconds:.2f} s")
    assert again.seconds < 1.0

    edited = root / "episodes" / "edited"
    shutil.copytree(episode, edited)
    issue = edited / "issue.txt"
    issue.write_text(issue.read_text(encoding="utf-8").replace("doubling time", "halving time", 1), encoding="utf-8")
    monkeypatch.undo()
    after = check(edited)
    assert after.heard == 1, after
