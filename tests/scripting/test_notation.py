"""Math and notation are said as a person reading aloud would (ClearSpeak), in every format; a long display
equation becomes a short notice and is listed as skipped. Hypothesis checks, over generated notation and
issue text, that the voice is only ever given letters, numbers as words and basic punctuation, and that
every word written is spoken or listed as skipped."""
from __future__ import annotations

import re
import unicodedata
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podcast.config import load_show
from podcast.reading import read_text
from podcast.scripting import write_script
from podcast.scripting.ear import PUNCTUATION, for_the_ear, to_speech
from podcast.scripting.notation import NOTICE

from tests.support.show import REPO, an99_excerpt
from tests.support.corpus import meta_for

SHOW = load_show(REPO / "podcast.toml")


@pytest.mark.parametrize("written, spoken", [
    # the issue's own examples
    ("the posterior p(s|o) is", "the posterior p of s given o is"),
    ("the ratio p(x | z) / p(x) is", "the ratio p of x given z over p of x is"),
    ("at step x_t we", "at step x sub t we"),
    ("the next state s_{t+1} is", "the next state s sub t plus one is"),
    ("about 10^9 parameters", "about ten to the ninth parameters"),
    ("if x ≤ y then", "if x is less than or equal to y then"),
    ("a margin \\epsilon here", "a margin epsilon here"),
    ("a margin ε here", "a margin epsilon here"),
    ("a margin epsilon here", "a margin epsilon here"),
    ("maps A → B here", "maps A to B here"),
    ("a 3× speedup", "a three times speedup"),
    ("we maximise $\\mathbb{E}[R]$ over", "we maximise the expected value of R over"),
    ("the bound \\(x \\geq 0\\) holds", "the bound x is greater than or equal to zero holds"),
    # from the corpus (an-083, an-089, an-100, an-099)
    ("a transition model q(s-next|s, a), which", "a transition model q of s next given s, a, which"),
    ("like MAML and RL^2, though", "like MAML and RL squared, though"),
    ("a significance threshold of p < 0.05 (they", "a significance threshold of p is less than zero point zero five (they"),
    ("for some N > 1), allowing", "for some N is greater than one), allowing"),
    ("the parabola y=x^2 and", "the parabola y equals x squared and"),
    # a letter with a bracketed argument (an-081): the coverage measure once joined "A[C]" into "AC"
    ("a program A[C] is universal", "a program A of C is universal"),
    ("and adopt A[C]'s belief.", "and adopt A of C's belief."),
    ("with reward r = E[U(a)], where", "with reward r equals the expected value of U of a, where"),
    # beyond the corpus
    ("see x [sic] here", "see x sic here"),
    ("whether P != NP holds", "whether P is not equal to NP holds"),
    ("when a << b and", "when a is much less than b and"),
    ("so x >= 3 => y", "so x is greater than or equal to three implies y"),
    ("about x ≈ 0.5 here", "about x is approximately zero point five here"),
    ("we get 5 ± 2 points", "we get five plus or minus two points"),
    ("call gym.make() to build", "call gym dot make to build"),
    ("the snake_case name", "the snake case name"),
    ("at time z_t the", "at time z sub t the"),
    ("as claimed[1] before", "as claimed before"),
    ("as claimed^2 before", "as claimed before"),
    ("the loss L = -log p(y|x) falls", "the loss L equals minus log p of y given x falls"),
    ("x² grows", "x squared grows"),
    ("$\\frac{1}{2}$ of it", "one half of it"),
    ("$\\sqrt{n}$ samples", "the square root of n samples"),
    ("$\\hat{\\theta}$ estimates", "theta hat estimates"),
    ("costs $5 and $10 each", "costs five dollars and ten dollars each"),
])
def test_notation_is_spoken(written, spoken):
    assert for_the_ear(written) == spoken


def test_long_equation_is_a_notice_and_skipped():
    written = ("The objective is $$\\sum_{t=0}^{T} \\gamma^t r(s_t, a_t) - \\beta \\, "
               "\\mathrm{KL}(\\pi(\\cdot|s_t) \\| \\pi_0(\\cdot|s_t)) + \\lambda \\|\\theta\\|^2$$ as usual.")
    speech = to_speech(written)
    assert speech.text == f"The objective is {NOTICE} as usual."
    assert [s.reason for s in speech.skipped] == ["long equation"]
    assert speech.skipped[0].text.startswith("$$\\sum")


def test_matrix_is_a_notice():
    speech = to_speech("Take $\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}$ here.")
    assert speech.text == f"Take {NOTICE} here." and speech.skipped[0].reason == "long equation"


ISSUE_MD = """**[A Bound on Posteriors](https://example.org/a)** *(Jane Doe et al)* (summarized by Rohin): The paper
bounds p(s|o) by $\\epsilon$ when x_t ≤ 10^9, and its long result is
$$\\sum_{i=1}^{n} \\frac{p(x_i | z)}{p(x_i)} \\log \\frac{q(z|x_i)}{p(z)} + \\lambda \\|\\theta\\|^2 \\leq C \\cdot n^{-1/2}$$

**Rohin's opinion:** RL^2 with p < 0.05 is fine.
"""


@pytest.mark.parametrize("fmt", [".md", ".html", ".txt"])
def test_notation_in_every_format(fmt):
    import markdown

    html = markdown.markdown(ISSUE_MD)
    text = {".md": ISSUE_MD, ".html": html,
            ".txt": " ".join(re.sub(r"<[^>]+>", " ", html).replace("&lt;", "<").replace("&gt;", ">").split())}[fmt]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        script = write_script(read_text(text, fmt), meta_for(REPO / "an-101.md"), SHOW)
    summary = next(s for s in script.segments if s.kind == "summary").text
    opinion = next(s for s in script.segments if s.kind == "opinion").text
    assert ("bounds p of s given o by epsilon when x sub t is less than or equal to ten to the ninth, and its "
            f"long result is {NOTICE}.") in summary
    assert "RL squared with p is less than zero point zero five is fine." in opinion
    assert any(s.reason == "long equation" and "\\sum" in s.text for s in script.skipped)


# --- properties ---------------------------------------------------------------------------------------------

PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
NAMES = st.sampled_from(["x", "y", "z", "p", "q", "s", "a", "N", "R", "t", "\\theta", "\\epsilon", "\\pi", "ε", "λ"])
NUMBERS = st.sampled_from(["0", "1", "2", "9", "10", "0.05", "3.5", "100"])
ATOMS = st.one_of(NAMES, NUMBERS)


def _expressions():
    return st.recursive(ATOMS, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["_", "^"]), inner).map(lambda t: f"{t[0]}{t[1]}{{{t[2]}}}"),
        st.tuples(st.sampled_from(["p", "q", "f"]), inner, inner).map(lambda t: f"{t[0]}({t[1]}|{t[2]})"),
        st.tuples(inner, st.sampled_from([" + ", " - ", " = ", " < ", " > ", " <= ", " >= ", " != ", " ≤ ", " ≈ ",
                                          " → ", " × ", " / "]), inner).map("".join),
        st.tuples(inner, inner).map(lambda t: f"\\frac{{{t[0]}}}{{{t[1]}}}"),
    ), max_leaves=6)


PROSE = st.sampled_from(["the", "model", "learns", "a", "reward", "when", "agents", "Rohin", "argues", "that",
                         "policy", "is", "robust", "and", "we", "bound"])
WRAPPED = _expressions().flatmap(lambda e: st.sampled_from([e, f"${e}$", f"\\({e}\\)", f"$${e}$$"]))
ISSUE_TEXT = st.lists(st.one_of(PROSE, PROSE, PROSE, WRAPPED, st.sampled_from([",", ".", "(", ")", "p < 0.05", "RL^2",
                                                                             "x_t", "10^9", "[1]", "gym.make"])),
                      min_size=1, max_size=40).map(" ".join)


def _speakable(text: str) -> bool:
    return all(unicodedata.category(c)[0] in "LM" or c == " " or c in PUNCTUATION for c in text)


@PROPERTIES
@given(ISSUE_TEXT)
def test_spoken_text_is_letters_and_basic_punctuation(text):
    speech = to_speech(text)
    assert _speakable(speech.text), speech.text
    assert not re.search(r"\d", speech.text)


@PROPERTIES
@given(st.text(max_size=300))
def test_any_text_is_spoken_as_letters_and_basic_punctuation(text):
    assert _speakable(for_the_ear(text))


def _latin_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]+", " ", text.lower()))


@PROPERTIES
@given(ISSUE_TEXT)
def test_every_written_word_is_spoken_or_skipped(text):
    """Each word of the text (Latin letters; digits are said as words) is in what is said or what is skipped."""
    speech = to_speech(text)
    kept = _latin_words(speech.text + " " + " ".join(s.text for s in speech.skipped))
    for word in set(_latin_words(text)):
        assert kept.count(word) >= _latin_words(text).count(word), word


EXCERPT = an99_excerpt()


@PROPERTIES
@given(st.lists(st.tuples(st.integers(0, 10**6), WRAPPED), min_size=1, max_size=5))
def test_notation_put_into_a_real_issue_is_spoken_and_nothing_is_lost(cuts):
    """AN #99 with formulas put at the end of sentences of its summaries: still every item, and no symbol."""
    text = EXCERPT
    for position, formula in cuts:
        ends = [m.start() for m in re.finditer(r"\. ", text) if m.start() > text.index("(summarized by")]
        at = ends[position % len(ends)]
        text = f"{text[:at]} {formula}{text[at:]}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        script = write_script(read_text(text, ".txt"), meta_for(REPO / "an-099.txt"), SHOW)
    assert len([s for s in script.segments if s.kind in {"highlight", "news", "summary"}]) == 2
    for segment in script.segments:
        assert _speakable(segment.text), segment.text
