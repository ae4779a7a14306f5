"""The sentences of a segment, and which changed since a take: one sentence edited is one change, at its place."""
from podcast.narration.sentence_changes import Change, changed_sentences, compare_sentences, segment_sentences

TAKE_TEXT = ("Contrastive learning trains an encoder. It compares two views of one image. "
             "The authors report a gain of ten points. Rohin's opinion follows.")


def test_sentences_are_numbered_in_order():
    assert segment_sentences(TAKE_TEXT)[2] == "The authors report a gain of ten points."
    assert len(segment_sentences(TAKE_TEXT)) == 4


def test_one_sentence_edited_is_one_change_at_its_place():
    new = TAKE_TEXT.replace("ten points", "twelve points")
    assert changed_sentences(TAKE_TEXT, new) == [Change(2, 3, 2, 3)]


def test_an_added_sentence_is_an_insertion():
    new = TAKE_TEXT.replace("image. ", "image. Both views are cropped. ")
    assert changed_sentences(TAKE_TEXT, new) == [Change(2, 2, 2, 3)]


def test_case_and_punctuation_alone_are_no_change():
    assert changed_sentences(TAKE_TEXT, TAKE_TEXT.replace("Rohin's opinion follows.", "rohin's opinion follows!")) == []


def test_each_unchanged_sentence_is_mapped_to_its_place_in_the_current_text():
    new = TAKE_TEXT.replace("Contrastive learning trains an encoder. ", "").replace("image. ", "image. It crops. ")
    compared = compare_sentences(TAKE_TEXT, new)
    assert compared.changes == [Change(0, 1, 0, 0), Change(2, 2, 1, 2)]
    assert compared.kept == {1: 0, 2: 2, 3: 3}
