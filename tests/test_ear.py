"""Text for the ear, on real sentences from the corpus."""
import pytest

from podcast.scripting.ear import for_the_ear


@pytest.mark.parametrize("written, spoken", [
    ("TextFooler is tested on three state-of-the-art NLP models-- WordCNN, WordLSTM, and BERT, all trained to ~80 - 90% test accuracy.",
     "TextFooler is tested on three state-of-the-art NLP models, WordCNN, WordLSTM, and BERT, all trained to about eighty to ninety percent test accuracy."),
    ("Given the exponential increase ( AN #7 ) in compute used for state-of-the-art results in ML,",
     "Given the exponential increase in compute used for state-of-the-art results in ML,"),
    ("has increased by a factor of 7.5 million (!) in 2018 relative to 2012.",
     "has increased by a factor of seven point five million in twenty eighteen relative to twenty twelve."),
    ("BERT's after-attack accuracy on one dataset went from 11.5% to 18.7%, and on another went from 4.0% to 8.3%.",
     "BERT's after-attack accuracy on one dataset went from eleven point five to eighteen point seven percent, and on another went from four point zero to eight point three percent."),
    ("following OpenAI’s staged release of GPT-2.", "following OpenAI’s staged release of GPT two."),
    ("If you’re a member of a research group, you can apply here .", "If you’re a member of a research group, you can apply here."),
    ("on augmented observations (e.g. observations that have been randomly cropped)?",
     "on augmented observations (for example, observations that have been randomly cropped)?"),
    ("the successor to Go-Explore ( AN #35 ).", "the successor to Go-Explore."),
    ("as discussed in AN #73, the norms", "as discussed in Alignment Newsletter number seventy three, the norms"),
    ("a dictionary lookup task -- given one transformed image", "a dictionary lookup task, given one transformed image"),
    ("Read it at https://arxiv.org/abs/2004.13654 today.", "Read it at today."),
])
def test_corpus_sentences(written, spoken):
    assert for_the_ear(written) == spoken


def test_no_url_is_ever_read():
    assert "http" not in for_the_ear("See http://rohinshah.com/alignment-newsletter/ and www.example.org/x.")
