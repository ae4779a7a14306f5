"""The recogniser's measurement aids (scripts/episode-wer): words it lacks added with espeak-ng's pronunciations,
and words it writes split joined again."""
import warnings
from pathlib import Path

import pocketsphinx
import pytest

from podcast.config import load_show
from podcast.reading import read_text
from podcast.recognition import (
    _decoder, espeak_pronunciations, ipa_to_arpabet, join_split_words, transcribe, unknown_words, words)
from podcast.scripting import write_script
from podcast.voicing.lexicon import load_lexicon

from tests.support.corpus import ALL_ISSUES, meta_for
from tests.support.show import REPO

COMMON = ("contrast augmentation learning reinforcement newsletter representation agreement variance gradient "
          "layer summary opinion robust efficiency algorithm paper training network story forward").split()


def test_espeaks_pronunciations_mostly_equal_the_recognisers_dictionary():
    """An independent check of the IPA table: for words pocketsphinx knows, espeak-ng's reading converted to
    ARPAbet is the dictionary's own entry (a few differ by a real variant vowel)."""
    ours = espeak_pronunciations(COMMON)
    same = [w for w in COMMON if ours[w] == _decoder().lookup_word(w)]
    assert len(same) >= 0.75 * len(COMMON), {w: (ours[w], _decoder().lookup_word(w)) for w in COMMON if w not in same}


def test_every_word_of_the_corpus_the_recogniser_lacks_gets_phones_of_its_model():
    show, lexicon = load_show(REPO / "podcast.toml"), load_lexicon(REPO / "voices" / "lexicon.toml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spoken = " ".join(lexicon.respell(s.text) for p in ALL_ISSUES for s in write_script(
            read_text(p.read_text(encoding="utf-8"), p.suffix), meta_for(p), show).segments)
    unknown = unknown_words(words(spoken.replace("’", "'")).split())
    assert "contrastive" in unknown and "the" not in unknown
    dictionary = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
    model_phones = {p for line in dictionary.read_text().splitlines() for p in line.split()[1:]}
    phones = espeak_pronunciations(unknown)
    assert sorted(w for w, p in phones.items() if not p or set(p.split()) - model_phones) == []


def test_ipa_symbols_outside_the_table_are_refused():
    assert ipa_to_arpabet("kˈɑːntɹɐstˌɪv") == "K AA N T R AH S T IH V"
    with pytest.raises(ValueError, match="ʁ"):
        ipa_to_arpabet("ʁoz")


@pytest.mark.slow
def test_an_added_word_is_heard_and_the_plain_decoder_is_untouched():
    from hibari import Hibari

    audio = Hibari(threads=1)("Regularizing deep reinforcement learning from pixels.", seed=0)
    added = frozenset(espeak_pronunciations(["regularizing"]).items())
    assert unknown_words(["regularizing"]) == ["regularizing"]
    assert "regularizing" in transcribe(audio, 24000, added=added).split()
    assert "regularizing" not in transcribe(audio, 24000).split()
    assert unknown_words(["regularizing"]) == ["regularizing"]


@pytest.mark.parametrize("reference, heard, joined", [
    ("the alignment newsletter podcast", "the alignment news letter pod cast", "the alignment newsletter podcast"),
    ("using ai ahead of time", "using a i have of time", "using ai have of time"),
    ("a news letter about the newsletter", "a news letter about the news letter",
     "a news letter about the news letter"),
    ("open ai's staged release", "open a i's staged release", "open ai's staged release"),
    ("it outperforms curl", "it out per forms curl", "it outperforms curl"),
    ("in the box", "in the box", "in the box"),
])
def test_words_the_recogniser_writes_split_are_joined_only_into_reference_words(reference, heard, joined):
    assert join_split_words(reference, heard) == joined
