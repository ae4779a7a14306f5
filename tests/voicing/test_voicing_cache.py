"""The segment cache under change: exactly the affected segments are voiced again, corrupt entries are
rebuilt, and workers in parallel give the very audio of one process. Real voice, short real script."""
import re
from dataclasses import dataclass, replace

import numpy as np
import pytest

from podcast.episode import load_episode, load_voices
from podcast.config import load_show
from podcast.voicing import (LocalExecutor, SegmentCache, VoicingReport, load_engines, plan_jobs,
                             sentence_keys, voice_script)
from podcast.voicing.engines.hibari import SEED, HibariEngine
from podcast.voicing.lexicon import Lexicon

from tests.support.show import REPO, an99_excerpt, make_episode


@dataclass
class ReseededHibari(HibariEngine):
    """The "heart" voice with another noise seed: a real voice setting that changes every sample."""

    @property
    def identity(self) -> str:
        return super().identity.replace(f"seed={SEED}", "seed=1")

    def speak(self, sentence: str) -> np.ndarray:
        return self.tts(sentence, seed=1)


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    """The AN #99 excerpt's script, the show's cast, lexicon and loaded engines, and one in-process executor."""
    root = tmp_path_factory.mktemp("show")
    show = load_show(REPO / "podcast.toml")
    episode = load_episode(make_episode(root / "099", 99, an99_excerpt(), "AN #99: Excerpt"), show)
    cast, lexicon = load_voices(show)
    engines = load_engines({s.role for s in episode.script.segments}, cast)
    return episode.script, cast, lexicon, engines, LocalExecutor(engines.values(), workers=1)


def voice(setting, cache, lexicon=None, engines=None, executor=None):
    script, cast, default_lexicon, default_engines, default_executor = setting
    report = VoicingReport()
    audios = voice_script(script, cast, engines or default_engines, lexicon or default_lexicon, cache,
                          executor or default_executor, report)
    return audios, report


@pytest.fixture(scope="module")
def voiced(setting, tmp_path_factory):
    """The excerpt voiced once into a fresh cache: (cache folder, audios)."""
    root = tmp_path_factory.mktemp("cache")
    audios, report = voice(setting, SegmentCache(root))
    assert report.synthesized == len(audios) > 5 and report.cached == 0
    return root, audios


def copy_cache(voiced, tmp_path) -> SegmentCache:
    import shutil

    shutil.copytree(voiced[0], tmp_path / "cache")
    return SegmentCache(tmp_path / "cache")


def test_unchanged_script_is_all_cached_and_identical(setting, voiced, tmp_path):
    audios, report = voice(setting, copy_cache(voiced, tmp_path))
    assert report.synthesized == 0 and report.cached == len(audios)
    for again, first in zip(audios, voiced[1]):
        assert again.samples.tobytes() == first.samples.tobytes() and again.sentences == first.sentences


def test_changed_lexicon_entry_revoices_exactly_the_segments_that_say_it(setting, voiced, tmp_path):
    script, _, lexicon, _, _ = setting
    changed = Lexicon(say={**lexicon.say, "BERI": "bear eye"}, phonemes=lexicon.phonemes)
    saying = [s.id for s in script.segments if re.search(r"(?<![\w-])BERI(?![\w-])", s.text)]
    assert 0 < len(saying) < len(script.segments)
    audios, report = voice(setting, copy_cache(voiced, tmp_path), lexicon=changed)
    assert report.synthesized_ids == saying
    assert report.cached == len(script.segments) - len(saying)
    for audio, first in zip(audios, voiced[1]):
        assert (audio.samples.tobytes() == first.samples.tobytes()) == (audio.segment_id not in saying)


def test_changed_voice_revoices_exactly_that_roles_segments(setting, voiced, tmp_path):
    script, cast, _, engines, _ = setting
    reseeded = ReseededHibari(voice="heart")
    changed = {role: reseeded if role.startswith("opinion") else engine for role, engine in engines.items()}
    opinions = [s.id for s in script.segments if s.role.startswith("opinion")]
    assert 0 < len(opinions) < len(script.segments)
    executor = LocalExecutor([*engines.values(), reseeded], workers=1)
    audios, report = voice(setting, copy_cache(voiced, tmp_path), engines=changed, executor=executor)
    assert report.synthesized_ids == opinions
    assert all(a.voice == reseeded.identity for a in audios if a.segment_id in opinions)


def test_corrupt_entries_are_rebuilt_never_used(setting, voiced, tmp_path):
    """Corrupt segment entries are rebuilt from their (verified) sentences; a corrupt sentence is voiced again."""
    script, cast, lexicon, engines, _ = setting
    cache = copy_cache(voiced, tmp_path)
    jobs = plan_jobs(script, cast, engines, lexicon)
    keys = [job.key for job in jobs]
    flipped, truncated, garbage, misnamed = (cache.path(k) for k in keys[1:5])
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit in the samples
    flipped.write_bytes(bytes(data))
    truncated.write_bytes(truncated.read_bytes()[:1000])
    garbage.write_bytes(b"not an npz file")
    misnamed.write_bytes(cache.path(keys[0]).read_bytes())  # a valid entry, under another key
    long = next(i for i in range(5, len(jobs)) if len(jobs[i].spoken) > 1)
    sentence = sentence_keys(jobs[long])[-1]
    cache.path(keys[long]).unlink()
    cache.path(sentence).write_bytes(cache.path(sentence).read_bytes()[:-100])
    audios, report = voice(setting, cache)
    # a one-sentence segment's entry is also its sentence's, so it alone is voiced again
    again = [i for i in range(1, 5) if len(jobs[i].spoken) == 1] + [long]
    assert report.synthesized_ids == [script.segments[i].id for i in again]
    assert report.sentences_synthesized == len(again)
    for audio, first in zip(audios, voiced[1]):
        assert audio.samples.tobytes() == first.samples.tobytes()
    assert all(cache.get(keys[i], "x") is not None for i in [1, 2, 3, 4, long])
    assert voice(setting, cache)[1].synthesized == 0


def test_an_edit_revoices_only_the_sentence_it_changed(setting, voiced, tmp_path):
    """A typo fix in one sentence of a long summary: one sentence synthesized, and the segment is the very
    audio a build from an empty cache gives."""
    script, *_ = setting
    i = max(range(len(script.segments)), key=lambda n: len(script.segments[n].text))
    edited = script.segments[i].text.replace("This paper presents strong", "This paper presents very strong")
    assert edited != script.segments[i].text
    changed = (replace(script, segments=script.segments[:i] + (replace(script.segments[i], text=edited),)
                       + script.segments[i + 1:]),) + setting[1:]
    audios, report = voice(changed, copy_cache(voiced, tmp_path))
    assert report.synthesized_ids == [script.segments[i].id] and report.sentences_synthesized == 1
    fresh, _ = voice(changed, SegmentCache(tmp_path / "empty"))
    assert audios[i].samples.tobytes() == fresh[i].samples.tobytes() and audios[i].sentences == fresh[i].sentences
    assert audios[i].samples.tobytes() != voiced[1][i].samples.tobytes()


@pytest.mark.slow
def test_parallel_workers_give_the_same_audio_as_one_process(setting, voiced, tmp_path):
    _, _, _, engines, _ = setting
    with LocalExecutor(engines.values(), workers=2) as pool:
        audios, report = voice(setting, SegmentCache(tmp_path / "cache"), executor=pool)
    assert report.synthesized == len(audios)
    for audio, first in zip(audios, voiced[1]):
        assert audio.segment_id == first.segment_id
        assert audio.samples.tobytes() == first.samples.tobytes()
        assert audio.sentences == first.sentences
    for a, b in zip(sorted((tmp_path / "cache").glob("??/*.npz")), sorted(voiced[0].glob("??/*.npz"))):
        assert a.name == b.name and a.read_bytes() == b.read_bytes()


def test_identical_segments_are_voiced_once(setting, tmp_path):
    script, *_ = setting
    twice = replace(script, segments=script.segments + (replace(script.segments[0], id="099-98-again"),))
    report = VoicingReport()
    _, cast, lexicon, engines, executor = setting
    audios = voice_script(twice, cast, engines, lexicon, SegmentCache(tmp_path), executor, report)
    assert report.synthesized == len(script.segments) and report.cached == 0
    assert audios[-1].segment_id == "099-98-again"
    assert audios[-1].samples.tobytes() == audios[0].samples.tobytes()
