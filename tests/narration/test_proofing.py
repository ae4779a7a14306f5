"""Proofing: the sentences of a narrator's take read differently from its text, or changed since the take was
accepted, are listed as pickups needed. The narrator is Piper's joe reading an AN #99 summary (once correctly,
once with "contrastive" said "contrasting") and a real human reading (LibriVox) whose segment's text has one
word changed against what the reader said; real Whisper, real pocketsphinx, the real `podcast status` and
`podcast script --recording-script --pickups`."""
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from podcast.narration.proofing import Why, proof, proofed
from podcast.narration.second_ear import SecondEar
from podcast.narration.staleness import Accepted, write_lock
from podcast.recognition import HeardWord
from podcast.store import Store

from tests.support.human_speech import human_episode, reading
from tests.support.narrator import speak, write_wav
from tests.support.show import AN99, run_podcast

SUMMARY = "099-08-improved-baselines-with-momentum-contrastive-learning-summary"
"""Four sentences, then: "This paper applies the insights from the SimCLR paper to the MoCo framework: it adds an
extra hidden layer on top of the representations while training on the contrastive loss, and adds the blur data
augmentation." (sentence 3)."""
MISREAD_SENTENCE = 3


def heard_as_written(text: str) -> list[HeardWord]:
    """Words as Whisper would write a perfect hearing of text, a third of a second each."""
    return [HeardWord(w, i / 3, (i + 1) / 3, 0.99) for i, w in enumerate(text.split())]


def test_a_sentence_changed_since_the_take_is_a_pickup_at_its_place_in_the_take():
    old = "Contrastive learning trains an encoder. It compares two views. The gain is ten points. That is all."
    new = old.replace("ten points", "twelve points")
    pickups = proof("s", new, heard_as_written(old), np.zeros(16000 * 6, np.float32), 16000, SecondEar(), str, old)
    assert [(p.sentence, p.why, p.text, p.heard) for p in pickups] == [
        (2, Why.TEXT_CHANGED, "The gain is twelve points.", "The gain is ten points.")]
    assert (pickups[0].start_s, pickups[0].end_s) == pytest.approx((9 / 3, 14 / 3))
    # an added sentence is a pickup too, placed in the pause where it goes; a deleted one needs none
    added = proof("s", old.replace("views. ", "views. Both are cropped. "), heard_as_written(old),
                  np.zeros(16000 * 6, np.float32), 16000, SecondEar(), str, old)
    assert [(p.sentence, p.text, p.start_s, p.end_s) for p in added] == [(2, "Both are cropped.", 9 / 3, 9 / 3)]
    assert proof("s", old.replace(" That is all.", ""), heard_as_written(old), np.zeros(16000 * 6, np.float32),
                 16000, SecondEar(), str, old) == ()


def test_a_stored_proof_is_made_again_when_the_respelling_of_the_text_read_from_changes(tmp_path):
    """The take's own text (read_from) is heard with the lexicon's respellings too: a lexicon entry for a word
    only the earlier text has is a new proof, not the stored one."""
    old = "Contrastive learning reaches SOTA. It compares two views."
    new = "It compares two views."
    heard_times = []

    def heard():
        heard_times.append(1)
        return heard_as_written(old)

    def run(respell):
        return proofed(Store(tmp_path), "take", "s", new, heard, np.zeros(16000 * 4, np.float32), 16000, respell, old)

    plain = run(str)
    assert run(str) == plain and len(heard_times) == 1  # stored
    run(lambda text: text.replace("SOTA", "soda"))
    assert len(heard_times) == 2


def an99_summary_episode(folder: Path, take: np.ndarray) -> Path:
    """AN #99 in an episode folder with a take of SUMMARY only."""
    folder.mkdir(parents=True)
    shutil.copy(AN99, folder / "issue.txt")
    shutil.copy(AN99.parent / "episode.toml", folder / "episode.toml")
    write_wav(folder / "recordings" / f"{SUMMARY}.wav", take)
    return folder


def status_of(episode: Path, cache: Path) -> dict[str, dict]:
    done = run_podcast("status", str(episode), "--format", "json", "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    return {s["id"]: s for s in json.loads(done.stdout)["segments"]}


def summary():
    from podcast.config import load_show
    from podcast.episode import load_episode
    from tests.support.show import REPO

    script = load_episode(AN99.parent, load_show(REPO / "podcast.toml")).script
    return next(s for s in script.segments if s.id == SUMMARY)


@pytest.fixture(scope="module")
def joe(tmp_path_factory):
    """joe's correct reading of SUMMARY and one with "contrastive" said "contrasting", and a cache for both."""
    segment = summary()
    text = segment.text
    assert text.count("the contrastive loss") == 1
    return segment, speak(text), speak(text.replace("the contrastive loss", "the contrasting loss")), \
        tmp_path_factory.mktemp("cache")


@pytest.mark.slow
def test_joes_take_then_one_sentence_of_its_text_edited_lists_exactly_that_sentence(joe, tmp_path):
    segment, take, _, cache = joe
    episode = an99_summary_episode(tmp_path / "099", take)
    status = status_of(episode, cache)[SUMMARY]
    assert (status["source"], status["state"], status["pickups_needed"]) == ("narrator", "matched", []), status
    # the take accepted against this text, as a build records it; then the summary's last sentence is edited
    lock = episode / "recordings" / "takes.lock"
    digest = hashlib.sha256((episode / "recordings" / f"{SUMMARY}.wav").read_bytes()).hexdigest()
    write_lock(lock, {SUMMARY: Accepted(f"recordings/{SUMMARY}.wav", digest, segment.text_hash, segment.text)})
    issue = episode / "issue.txt"
    old = "This results in a new SOTA on self-supervised representation learning for images."
    new = "This results in a new state of the art on self-supervised learning of image representations."
    assert issue.read_text().count(old) == 1
    issue.write_text(issue.read_text().replace(old, new))
    status = status_of(episode, cache)[SUMMARY]
    assert status["state"] == "stale", status
    assert [(p["sentence"], p["why"], p["text"]) for p in status["pickups_needed"]] == [(4, "text changed", new)], status
    assert "SOTA" in status["pickups_needed"][0]["heard"] or "soda" in status["pickups_needed"][0]["heard"].lower()
    assert 0 < status["pickups_needed"][0]["start_s"] < status["pickups_needed"][0]["end_s"] <= len(take) / 22050 + 0.5
    table = run_podcast("status", str(episode), "--cache", str(cache))
    assert f"{SUMMARY}    5" in table.stdout and "text changed: " + new in table.stdout, table.stdout
    listing = run_podcast("script", str(episode), "--recording-script", "--pickups", "--cache", str(cache))
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.split("\n")[0] == f"## {SUMMARY}"
    assert [line for line in listing.stdout.splitlines() if line.startswith("- ")] == [
        f"- sentence 5 (text changed, at {status['pickups_needed'][0]['start_s']:.1f} s in the take): Read: {new}"]
    assert not (episode / "recording-script.md").exists()  # --pickups prints only


@pytest.mark.slow
def test_a_sentence_deleted_since_the_take_is_cut_out_and_needs_no_pickup(joe, tmp_path):
    segment, take, _, cache = joe
    episode = an99_summary_episode(tmp_path / "099", take)
    digest = hashlib.sha256((episode / "recordings" / f"{SUMMARY}.wav").read_bytes()).hexdigest()
    write_lock(episode / "recordings" / "takes.lock",
               {SUMMARY: Accepted(f"recordings/{SUMMARY}.wav", digest, segment.text_hash, segment.text)})
    issue = episode / "issue.txt"
    last = " This results in a new SOTA on self-supervised representation learning for images."
    assert issue.read_text().count(last) == 1
    issue.write_text(issue.read_text().replace(last, ""))
    status = status_of(episode, cache)[SUMMARY]
    assert (status["source"], status["state"], status["pickups_needed"]) == ("narrator", "matched", []), status
    assert "cut out of the take: its sentence 5, deleted from the text" in status["note"], status
    assert status["duration_s"] < len(take) / 22050 - 2, status


@pytest.mark.slow
def test_a_pickup_spliced_into_another_take_is_not_used_with_this_one(joe, tmp_path):
    """takes.lock keeps the take each pickup was spliced into: placed by hand beside a new take of the segment,
    the old pickup is refused, named in one line, and not judged against the fresh reading."""
    segment, take, _, cache = joe
    episode = an99_summary_episode(tmp_path / "099", take)
    rec = episode / "recordings"
    pickup = write_wav(rec / f"{SUMMARY}.pickup-1.wav", take[: 22050 * 3])
    digest = hashlib.sha256((rec / f"{SUMMARY}.wav").read_bytes()).hexdigest()
    earlier_take = "0" * 64
    write_lock(rec / "takes.lock", {SUMMARY: Accepted(f"recordings/{SUMMARY}.wav", digest, segment.text_hash,
                                                      segment.text, {sha(pickup): earlier_take})})
    done = run_podcast("status", str(episode), "--format", "json", "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    status = next(s for s in data["segments"] if s["id"] == SUMMARY)
    assert (status["source"], status["state"]) == ("narrator", "matched"), status
    assert [(p["file"], p["accepted"], p["used"]) for p in status["pickups"]] == \
        [(f"recordings/{SUMMARY}.pickup-1.wav", False, False)], status
    assert "spliced into another take" in status["pickups"][0]["reason"]
    [problem] = [p for p in data["problems"] if "pickup-1" in p]
    assert "spliced into another take" in problem and "\n" not in problem


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_joes_take_with_one_word_misread_is_flagged_at_that_sentence_and_no_other(joe, tmp_path):
    _, _, misread, cache = joe
    status = status_of(an99_summary_episode(tmp_path / "099", misread), cache)[SUMMARY]
    assert status["state"] == "matched", status  # the take is used as before: proofing only lists
    assert [(p["sentence"], p["why"]) for p in status["pickups_needed"]] == [(MISREAD_SENTENCE, "read differently")], status
    pickup = status["pickups_needed"][0]
    assert ["contrastive", "contrasting"] in [[w.strip(".,").lower() for w in d] for d in pickup["differences"]], pickup
    assert "contrasting" in pickup["heard"].lower() and pickup["start_s"] < pickup["end_s"]


@pytest.mark.slow
def test_a_human_reading_whose_text_has_one_word_changed_is_flagged_at_that_sentence(show_dir, tmp_path):
    """The preface's text says "pleasure" where the reader (LibriVox) said "leisure"."""
    episode = human_episode(show_dir)
    issue = episode / "issue.md"
    issue.write_text(issue.read_text().replace("had then leisure", "had then pleasure"))
    (episode / "recordings").mkdir()
    shutil.copy(reading("901-00-preface"), episode / "recordings" / "901-00-preface.wav")
    status = status_of(episode, tmp_path / "cache")["901-00-preface"]
    assert status["source"] == "narrator", status
    assert [(p["sentence"], p["why"], p["differences"]) for p in status["pickups_needed"]] == [
        (1, "read differently", [["pleasure", "leisure"]])], status
    assert status["pickups_needed"][0]["text"].startswith("John Dashwood had then pleasure")


def test_pickups_alone_is_a_usage_error_saying_what_it_goes_with(show_dir):
    done = run_podcast("script", str(human_episode(show_dir)), "--pickups")
    assert done.returncode == 2 and "--pickups goes with --recording-script" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
