"""Scoring what the recognizer heard of a take's beginning against its segment's text."""
from podcast.narration.matching import error_rate, words

TEXT = words("Summary by Flo. Given the exponential increase in compute, one might think there has been little "
             "progress. Doing so yields doubling times in efficiency of around sixteen months. Other tasks like "
             "translation as well as playing Go exhibit even faster doubling times, and the authors expect "
             "similar trends for tasks that received large amounts of investment, they say, with me.")


def test_a_heard_beginning_is_scored_against_the_beginning_it_matches():
    heard = words("summary by flow given the exponential increase and compute one might think there has been "
                  "little progress doing so yields dublin times in efficiency with me")
    # "with me" ends the text too: aligned there, the unheard rest would look like words the take left out
    assert error_rate(TEXT, heard, partial=True) < 0.25
    assert error_rate(TEXT, heard) > 0.5  # the whole text, most of it unheard


def test_a_whole_take_heard_right_scores_zero_and_noise_scores_high():
    assert error_rate(TEXT, TEXT, partial=True) == 0.0
    assert error_rate(TEXT, words("uh huh yeah no"), partial=True) >= 1.0
