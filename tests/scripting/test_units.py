"""Numbers with units and suffixes are said as a reader says them, never digit by digit: "10m" as meters or
million by what follows, "175B" "a hundred and seventy-five billion" (in num2words' words, as every number
of the ear), "3x" "three times", "1e-3" "ten to the minus three", "5k" "five thousand", "2.5GB".

Every such form in the corpus (a number glued to letters, outside links) is a case below, on its real
sentence; the forms the corpus lacks are put into a corpus sentence, and say so."""
import re

import pytest

from podcast.scripting.ear import for_the_ear

from tests.support.corpus import ALL_ISSUES, source_text

GLUED = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[a-zA-Z]+\b")
"""A number glued to letters: 10m, 175B, 3x, 1e-3's "1e", 5k, 2.5GB, 2D."""

CORPUS_CASES = [
    # a length (an-098)
    ('The constraints can be used to specify things like "the robot must stay at least 10m away from obstacles".',
     'The constraints can be used to specify things like "the robot must stay at least ten meters away from obstacles".'),
    # multiples (an-085)
    ("if we only consider AI systems that are (say) 10x more intelligent than us",
     "if we only consider AI systems that are (say) ten times more intelligent than us"),
    # thousands (an-084)
    ("this short version / summary (~1.6k words), and a long version (~8.3k words).",
     "this short version or summary (about one point six thousand words), and a long version (about eight point three thousand words)."),
    # dimensions are said by their letter, as a reader does (an-083, an-091)
    ("LEAP significantly outperforms prior algorithms on 2D navigation and push/reach tasks.",
     "LEAP significantly outperforms prior algorithms on two D navigation and push or reach tasks."),
    ("it is best to use a 1D convolutional compression function", "it is best to use a one D convolutional compression function"),
    # a variable's multiple in a title (an-089)
    ("Precedents for economic n-year doubling before 4n-year doubling",
     "Precedents for economic n-year doubling before four n-year doubling"),
]

PUT_IN_CASES = [
    # magnitudes, put into an-085's Meena summary and an-099's AI and Efficiency summary
    ("The authors mined social media to find 341 GB of public domain conversations, and trained a model of 2.6B parameters.",
     "The authors mined social media to find three hundred and forty one gigabytes of public domain conversations, and trained a model of two point six billion parameters."),
    ("GPT-3 has 175B parameters.", "GPT three has one hundred and seventy five billion parameters."),
    ("Doing so yields doubling times in efficiency, with 44x less compute needed in 2019.",
     "Doing so yields doubling times in efficiency, with forty four times less compute needed in twenty nineteen."),
    ("BERI is expanding its offerings with $10m for 10M users and 5k steps of 10K tokens.",
     "BERI is expanding its offerings with ten million dollars for ten million users and five thousand steps of ten thousand tokens."),
    ("BERI is expanding its offerings with $1.5B, or 1.5bn, or 1T.",
     "BERI is expanding its offerings with one point five billion dollars, or one point five billion, or one trillion."),
    # "10m" by what follows: a plural noun counts millions; a length stands, rises or is a modifier
    ("the robot must stay at least 10m away from 10m parameters", "the robot must stay at least ten meters away from ten million parameters"),
    ("a wall 10m tall, 1m across and 10m across; a 10m drop.", "a wall ten meters tall, one meter across and ten meters across; a ten meter drop."),
    ("over 10m years", "over ten million years"),
    # units (an-085's "341 GB" glued and with decimals), times, rates
    ("find 2.5GB of conversations in 100ms, 8h or 5 min, at 3GHz; a 2GB file.",
     "find two point five gigabytes of conversations in one hundred milliseconds, eight hours or five minutes, at three gigahertz; a two gigabyte file."),
    # multiples with decimals
    ("a 1.5x speedup and 0.5x the cost", "a one point five times speedup and zero point five times the cost"),
    # scientific notation, in prose, in a plain-text relation and in LaTeX (as 10^-3 is said)
    ("We use a learning rate of 1e-3 and 3.5e-4 for 1e6 steps, 2e10 FLOPs.",
     "We use a learning rate of ten to the minus three and three point five times ten to the minus four for ten to the sixth steps, two times ten to the tenth FLOPs."),
    ("with lr=1e-3 throughout", "with lr equals ten to the minus three throughout"),
    ("with $\\eta = 1E-5$ throughout", "with eta equals ten to the minus five throughout"),
    # what is not a quantity stays a name
    ("TextFooler is tested on Llama-3.1-70B and ResNet-50.", "TextFooler is tested on Llama three point one seventy B and ResNet fifty."),
]


@pytest.mark.parametrize("written, spoken", CORPUS_CASES + PUT_IN_CASES)
def test_numbers_with_units_and_suffixes(written, spoken):
    assert for_the_ear(written) == spoken


def test_every_glued_number_in_the_corpus_is_a_case():
    found = {m for path in ALL_ISSUES for m in GLUED.findall(re.sub(r"\b(?:https?://|www\.)\S+", " ",
                                                                   source_text(path)))}
    cased = {m for written, _ in CORPUS_CASES for m in GLUED.findall(written)}
    assert found == cased, f"glued numbers in the corpus with no case here: {sorted(found - cased)}"


DIGIT = r"(?:zero|one|two|three|four|five|six|seven|eight|nine)"


def test_no_quantity_is_read_digit_by_digit():
    for written, _ in CORPUS_CASES + PUT_IN_CASES:
        said = re.sub(rf"\bpoint(?: {DIGIT})+", "point", for_the_ear(written))  # decimals are said digit by digit
        assert not re.search(r"\d", said) and not re.search(rf"\b{DIGIT} {DIGIT}\b", said), said
