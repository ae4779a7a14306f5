"""The pronunciation lexicon covers the corpus's acronyms and coined names; it is applied at voicing time."""
import re
import warnings
from pathlib import Path

import pytest

from podcast.config import load_show
from podcast.reading import read_text
from podcast.scripting import write_script
from podcast.voicing.lexicon import load_lexicon

from tests.support.show import REPO
from tests.support.corpus import ALL_ISSUES, meta_for

LEXICON = load_lexicon(REPO / "voices" / "lexicon.toml")
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+s?\b")
SAID_RIGHT = {"AI", "AN", "US", "UK", "OK", "III", "PG", "SS", "TD", "AND"}
"""Capitals every voice already says right: AI, US, emphatic AND... (and "PG", "TD" once the ear split "PG-19", "TD3")."""


@pytest.fixture(scope="module")
def spoken() -> str:
    show = load_show(REPO / "podcast.toml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scripts = [write_script(read_text(p.read_text(encoding="utf-8"), p.suffix), meta_for(p), show) for p in ALL_ISSUES]
    return " ".join(s.text for script in scripts for s in script.segments)


def test_every_acronym_in_the_corpus_has_a_pronunciation(spoken):
    acronyms = set(ACRONYM.findall(spoken)) - SAID_RIGHT
    assert sorted(a for a in acronyms if a not in LEXICON.say) == []


def test_applied_per_engine_with_phonemes_winning():
    text = "Rohin thinks BERT and GPT two beat ResNet fifty on CIFAR ten, said OpenAI."
    assert LEXICON.apply(text, "hibari") == (
        "[Rohin](/ɹˈOhɪn/) thinks bert and G P T two beat res net fifty on see far ten, said Open AI.")
    assert LEXICON.apply(text, "piper").startswith("Row hin thinks bert")
    assert LEXICON.respell(text) == LEXICON.apply(text, "piper")  # no phonemes for piper: respellings only


def test_whole_words_only():
    assert LEXICON.apply("BERTology and SACred", "piper") == "BERTology and SACred"


def test_producer_adds_entries_without_code(tmp_path: Path):
    path = tmp_path / "lexicon.toml"
    path.write_text((REPO / "voices" / "lexicon.toml").read_text(encoding="utf-8").replace(
        "[say]\n", '[say]\nPSRO = "P S R O"\n', 1), encoding="utf-8")
    assert load_lexicon(path).apply("PSRO beats DQN.", "piper") == "P S R O beats D Q N."


def test_hibari_reads_every_phoneme_entry_as_written():
    from hibari import Hibari

    tts = Hibari(threads=1)
    for word, phonemes in LEXICON.phonemes["hibari"].items():
        assert tts.phonemize(LEXICON.apply(f"Thanks {word}.", "hibari")) == [f"θˈæŋks {phonemes}."]


def test_names_respelled_as_they_sound_leave_hibaris_audio_unchanged():
    """A name hibari already says right is respelled in ordinary words of the same sound (how to say it, and
    what a recognizer should hear): hibari's samples stay exactly the same, through its phoneme entry or
    because the respelling reads as the same phonemes."""
    import numpy as np
    from hibari import Hibari

    tts = Hibari(threads=1)
    for sentence in ["Summary by Rohin.", "Flo's opinion.", "By Dan Hendrycks and others."]:
        assert LEXICON.respell(sentence) != sentence
        assert np.array_equal(tts(LEXICON.apply(sentence, "hibari"), seed=0), tts(sentence, seed=0)), sentence
