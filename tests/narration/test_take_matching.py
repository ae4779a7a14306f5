"""Scoring what Whisper heard in a take against its segment's text, both as a listener hears them."""
from podcast.listener import listened
from podcast.narration.matching import error_rate, missed_words

TEXT = listened("Summary by Flo. Given the exponential increase in compute, one might think there has been little "
                "progress. Doing so yields doubling times in efficiency of around sixteen months.")


def test_a_take_heard_as_written_scores_zero_whatever_the_spelling():
    heard = listened("Summary by Flo. Given the exponential increase in compute, one might think there's been little "
                     "progress. Doing so yields doubling times in efficiency of around 16 months.")
    assert error_rate(TEXT, heard) < 0.05
    assert error_rate(TEXT, listened("summary by flo given the exponential increase in com pute")) > 0.5


def test_noise_scores_high_and_nothing_heard_misses_every_word():
    assert error_rate(TEXT, listened("uh huh yeah no")) >= 0.9
    assert missed_words(TEXT, "") == tuple(TEXT.split())
    assert missed_words(TEXT, TEXT) == ()
