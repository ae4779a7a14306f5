"""Pickups: a take of a summary, its text then edited in one sentence, and a pickup of the new sentence spliced
in, read by Piper's joe (the tests' second voice) and by a real person (LibriVox). Real pocketsphinx places the
sentences, real Whisper judges the pickups and hears the result; the joins are measured against the take's own
pauses and sample steps."""
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from podcast.narration.decoding import decode_take
from podcast.narration import pickup_use
from podcast.narration.pickup_use import apply_pickups
from podcast.narration.pickups import align_sentences
from podcast.narration.sentence_changes import compare_sentences, segment_sentences
from podcast.narration.splice import Run, Source, sources_of, unplaced
from podcast.narration.status import file_digest
from podcast.narration.takes import PickupFile, pickup_of
from podcast.narration.transcripts import Transcripts

from tests.support import human_speech
from tests.support.narrator import level_off, speak, write_wav

BERI = "099-02-beri-seeking-new-university-collaborators-summary"
JOE_TEXT = ("BERI seeking new university collaborators. By Sawyer Bernath. Summary by Rohin. BERI is expanding its "
            "offerings to provide free services to a wider set of university-affiliated groups and projects, and "
            "they’re now accepting applications from groups and individuals interested in receiving their support. "
            "If you’re a member of a research group, or an individual researcher, working on long-termist projects, "
            "you can apply here.")
JOE_NEW = ("BERI now offers free services to many more university groups, and it is accepting applications from anyone "
           "who wants its support.")
OTHERS = {"099-99-outro": "That was issue ninety nine of the Alignment Newsletter Podcast. Each chapter links to the "
                          "paper it summarizes, and the show notes list them all. Thanks for listening.",
          "901-00-preface": "And Mr. John Dashwood had then leisure to consider how much there might be prudently in "
                            "his power to do for them."}
HUMAN = ["901-01-dashwood-summary", "901-01-dashwood-opinion-rohin", "901-03-norland-summary"]
HUMAN_TEXT = ("He was not an ill-disposed young man. Unless to be rather cold-hearted and rather selfish is to be "
              "ill-disposed. He might even have been made amiable himself.")
HUMAN_NEW = "Had he married a more amiable woman, he might have been made still more respectable than he was."


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pickup_names():
    assert pickup_of(Path("099-02-x.pickup-1.wav")) == ("099-02-x", 1)
    assert pickup_of(Path("099-02-X.PICKUP-12.FLAC")) == ("099-02-x", 12)
    assert pickup_of(Path("099-02-x.wav")) is None and pickup_of(Path("099-02-x.pickup-0.wav")) is None
    assert pickup_of(Path("099-02-x.pickup-1.txt")) is None


def test_each_sentence_from_a_pickup_or_the_take():
    # take: a b c d; now: a B c d e; pickup 0 holds B, pickup 1 holds c..d (re-read), e has none
    kept = compare_sentences("A. B. C. D.", "A. Bee. C. D. E.").kept
    assert sources_of(5, kept, [(1, 1), (2, 3)]) == [(None, 0), (0, 1), (1, 2), (1, 3), None]
    # a sentence deleted from the take: the sentences after it come from the take's next ones
    assert sources_of(2, compare_sentences("A. B. C.", "A. C.").kept, []) == [(None, 0), (None, 2)]


def test_a_take_run_beside_an_unplaced_sentence_is_not_cut():
    """The take's cuts lie in the pauses after and before the sentences either side of a run: with one of those
    unplaced, the run would reach the take's start or end and let that sentence in; the splice is refused."""
    take = Source(np.zeros(100, np.float32), [None, (1.0, 2.0), (2.5, 3.0), None])
    pickup = Source(np.zeros(100, np.float32), [None, None, None, (0.1, 0.9)], 0)
    runs = [Run(take, 1, 2), Run(pickup, 3, 3)]  # the take's sentence 1 deleted, its sentence 4 replaced
    assert unplaced(runs) == ["sentence 1 of the take", "sentence 4 of the take"]
    placed = Source(take.samples, [(0.0, 0.5), (1.0, 2.0), (2.5, 3.0), (3.5, 4.0)])
    assert unplaced([Run(placed, 1, 2), Run(pickup, 3, 3)]) == []


FRAME_S = 0.01
"""pocketsphinx's frame: a word's boundary may be this far off either way."""


def joins_measured(rz, out: np.ndarray, take: np.ndarray, rate: int, old: str, new: str, changed: int,
                   joins_s: tuple[float, ...]) -> tuple[float, float]:
    """(largest gap or overlap in ms, largest sample-step ratio) at the joins around the changed sentence. Gap:
    the pause before and after it in the spliced audio against the take's pause there, both placed by
    pocketsphinx. Step: the largest sample step in the spliced pause, where every junction of the join lies
    (each join point in joins_s is checked to be in it, to a frame), against the take's own largest step in its pause
    there; both pauses taken less a frame at each end (where a word may begin), so neither holds speech."""
    in_take = [(p.words[0].start_s, p.words[-1].end_s) for p in align_sentences(rz, take, rate, old, "take")]
    spliced = [(p.words[0].start_s, p.words[-1].end_s) for p in align_sentences(rz, out, rate, new, "out")]
    step = lambda x, a, b: float(np.max(np.abs(np.diff(x[round((a + FRAME_S) * rate):round((b - FRAME_S) * rate)]))))  # noqa: E731
    gap_ms, ratio = 0.0, 0.0
    for j, join in zip((changed, changed + 1), joins_s):
        (_, take_a), (take_b, _) = in_take[j - 1], in_take[j]
        (_, out_a), (out_b, _) = spliced[j - 1], spliced[j]
        assert out_a - FRAME_S <= join <= out_b + FRAME_S, (join, out_a, out_b)
        gap_ms = max(gap_ms, abs((out_b - out_a) - (take_b - take_a)) * 1000)
        ratio = max(ratio, step(out, out_a, out_b) / step(take, take_a, take_b))
    return gap_ms, ratio


def spliced_case(tmp_path: Path, take: np.ndarray, rate: int, old: str, new: str,
                 pickups: list[tuple[np.ndarray, int]]):
    """The take and pickups written as files of BERI's and spliced; (the result, the take decoded, Transcripts,
    the files' digests before)."""
    rec = tmp_path / "recordings"
    files = [write_wav(rec / f"{BERI}.wav", take, rate)]
    files += [write_wav(rec / f"{BERI}.pickup-{n}.wav", samples, r) for n, (samples, r) in enumerate(pickups, 1)]
    before = {f.name: sha(f) for f in files}
    rz = Transcripts(tmp_path / "recognition")
    decoded = decode_take(files[0])
    result = apply_pickups(rz, lambda p: p.name, decoded.samples, decoded.sample_rate,
                           [PickupFile(f, BERI, n) for n, f in enumerate(files[1:], 1)], file_digest, new, old,
                           OTHERS, 600.0, True)
    assert {f.name: sha(f) for f in files} == before  # take and pickups only read
    return result, decoded, rz


def heard_in(rz, samples: np.ndarray, rate: int, text: str, sentence: int) -> str:
    """What Whisper hears of one sentence of the spliced audio, as placed by pocketsphinx."""
    placed = align_sentences(rz, samples, rate, text, "heard")[sentence].words
    a, b = round((placed[0].start_s - 0.1) * rate), round((placed[-1].end_s + 0.1) * rate)
    return " ".join(w.word for w in rz.words(samples[max(a, 0):b], rate)).lower()


@pytest.mark.slow
def test_joe_pickup_of_an_edited_sentence_is_spliced_unheard(tmp_path, monkeypatch):
    old, new = JOE_TEXT, JOE_TEXT.replace(segment_sentences(JOE_TEXT)[3], JOE_NEW)
    take = level_off(speak(old), 2)
    result, decoded, rz = spliced_case(tmp_path, take, 22050, old, new, [(level_off(speak(JOE_NEW), 5), 22050)])
    [pickup] = result.verdicts
    assert result.spliced and pickup.accepted and pickup.used and (pickup.first, pickup.last) == (3, 3)
    assert len(result.joins_s) == 2
    heard = heard_in(rz, result.samples, decoded.sample_rate, new, 3)
    assert "now offers free services" in heard and "expanding" not in heard
    gap_ms, ratio = joins_measured(rz, result.samples, decoded.samples, decoded.sample_rate, old, new, 3,
                                   result.joins_s)
    print(f"joe: largest join error {gap_ms:.0f} ms, sample step ratio {ratio:.2f}")
    assert gap_ms <= 30 and ratio <= 1.0

    def made_again(*args):
        raise AssertionError("a stored splice is levelled or joined again")

    monkeypatch.setattr(pickup_use, "matched_loudness", made_again)
    monkeypatch.setattr(pickup_use, "overlap_add", made_again)
    again, _, _ = spliced_case(tmp_path, take, 22050, old, new, [(level_off(speak(JOE_NEW), 5), 22050)])
    assert np.array_equal(again.samples, result.samples)


@pytest.mark.slow
def test_a_sentence_only_deleted_is_cut_out_of_the_take_with_no_pickup(tmp_path):
    """The text lost a sentence since joe's take: no pickup is needed, the take is spliced alone without it. The
    same reading later in a longer recording (a segment cut from a whole-episode take moves when another
    segment's text changes; the file's digest does not) is placed and spliced afresh, not from the cache."""
    deleted = segment_sentences(JOE_TEXT)[3]
    old, new = JOE_TEXT, JOE_TEXT.replace(" " + deleted, "")
    result, decoded, rz = spliced_case(tmp_path, level_off(speak(old), 2), 22050, old, new, [])
    assert result.spliced and result.deleted == (3,) and len(result.joins_s) == 1 and not result.verdicts
    heard = " ".join(w.word for w in rz.words(result.samples, decoded.sample_rate)).lower()
    assert "expanding" not in heard and "applications" not in heard and "apply here" in heard, heard
    rate, lead_s = decoded.sample_rate, 0.6
    room = np.random.default_rng(1).normal(0, 1e-4, round(lead_s * rate)).astype(np.float32)
    later = apply_pickups(rz, lambda p: p.name, np.concatenate([room, decoded.samples]), rate, [], file_digest,
                          new, old, OTHERS, 600.0, True)
    assert later.joins_s[0] == pytest.approx(result.joins_s[0] + lead_s, abs=0.05)
    assert len(later.samples) / rate == pytest.approx(len(result.samples) / rate + lead_s, abs=0.05)


@pytest.mark.slow
def test_human_pickup_of_an_edited_sentence_is_spliced_unheard(tmp_path):
    """A person's reading of three sentences (LibriVox clips read in a row, their own silences as pauses); the
    middle one edited into a sentence he read elsewhere, which is the pickup."""
    clips = [human_speech.samples(sid) for sid in HUMAN]
    rate = clips[0][1]
    take = np.concatenate([samples for samples, _ in clips])
    old = HUMAN_TEXT
    new = HUMAN_TEXT.replace(segment_sentences(HUMAN_TEXT)[1], HUMAN_NEW)
    result, decoded, rz = spliced_case(tmp_path, take, rate, old, new, [human_speech.samples("901-02-fanny-summary")])
    [pickup] = result.verdicts
    assert result.spliced and pickup.used and (pickup.first, pickup.last) == (1, 1)
    heard = heard_in(rz, result.samples, decoded.sample_rate, new, 1)
    assert "married" in heard and "selfish" not in heard
    gap_ms, ratio = joins_measured(rz, result.samples, decoded.samples, decoded.sample_rate, old, new, 1,
                                   result.joins_s)
    print(f"human: largest join error {gap_ms:.0f} ms, sample step ratio {ratio:.2f}")
    assert gap_ms <= 30 and ratio <= 1.0


@pytest.mark.slow
def test_a_pickup_of_the_wrong_sentence_is_refused(tmp_path):
    """joe reading the outro's sentence, a person reading another segment's sentence, and joe reading the edited
    sentence's old wording, as pickups of the edited summary: each refused with the verdict naming what it
    sounds like, and the segment not spliced."""
    old, new = JOE_TEXT, JOE_TEXT.replace(segment_sentences(JOE_TEXT)[3], JOE_NEW)
    wrong = [(level_off(speak(segment_sentences(OTHERS["099-99-outro"])[1]), 5), 22050),
             human_speech.samples("901-00-preface"),
             (level_off(speak(segment_sentences(old)[3], 1.1), 6), 22050)]
    result, _, _ = spliced_case(tmp_path, level_off(speak(old), 2), 22050, old, new, wrong)
    print([v.reason for v in result.verdicts])
    assert not result.spliced and "pickups needed: sentence 4" in result.note
    for verdict in result.verdicts:
        assert not verdict.accepted and not verdict.used
    outro, preface, before_edit = (v.reason for v in result.verdicts)
    assert "sounds like segment 099-99-outro sentence 2" in outro
    assert "sounds like segment 901-00-preface sentence" in preface  # "And Mr." is its own sentence to the splitter
    assert "sounds like the text of sentence 4 before its edit" in before_edit
