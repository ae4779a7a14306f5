"""The newsletter's section headings: which are top level, which are trailers, how they read."""
from __future__ import annotations

TOP_LEVEL = (
    "HIGHLIGHTS",
    "TECHNICAL AI ALIGNMENT",
    "AI STRATEGY AND POLICY",
    "OTHER PROGRESS IN AI",
    "NEWS",
    "PREVIOUS NEWSLETTERS",
    "NEAR-TERM CONCERNS",
)
"""Top-level sections; every other heading nests under the last of these."""

SUBSECTIONS = (
    "AGENT FOUNDATIONS", "LEARNING HUMAN INTENT", "PREVENTING BAD BEHAVIOR", "INTERPRETABILITY",
    "ADVERSARIAL EXAMPLES", "VERIFICATION", "ROBUSTNESS", "FORECASTING", "FIELD BUILDING",
    "MISCELLANEOUS (ALIGNMENT)", "MISCELLANEOUS (AI)", "ITERATED AMPLIFICATION", "MESA OPTIMIZATION",
    "TECHNICAL AGENDAS AND PRIORITIZATION", "PROBLEMS", "HANDLING GROUPS OF AGENTS",
    "FAIRNESS AND BIAS", "DEEP LEARNING", "REINFORCEMENT LEARNING", "UNSUPERVISED LEARNING", "META LEARNING",
    "MACHINE LEARNING", "HIERARCHICAL RL", "APPLICATIONS", "EXPLORATION", "CRITIQUES (ALIGNMENT)",
    "CRITIQUES (AI)", "PRIVACY AND SECURITY", "GOVERNANCE", "OTHER PROGRESS IN AI", "IMPACT MEASUREMENT",
    "VALUE LEARNING", "SCALABLE OVERSIGHT", "CORRIGIBILITY", "MULTIAGENT RL", "AI CAPABILITIES",
)
"""Subsection headings the newsletter has used; a heading not listed here is still read, with a warning."""

TRAILERS = ("FEEDBACK", "PODCAST", "SUBSCRIBE")
"""Headings of the closing boilerplate: what follows is not read."""

KEEP_UPPER = {"AI", "ML", "RL", "NLP", "AGI", "IRL", "OOD"}


def heading_title(heading: str) -> str:
    """'TECHNICAL AI ALIGNMENT' -> 'Technical AI alignment' (sentence case, acronyms kept)."""
    words = heading.split()
    out = []
    for i, word in enumerate(words):
        bare = word.strip("()")
        if bare in KEEP_UPPER:
            out.append(word)
        elif i == 0:
            out.append(word.capitalize())
        else:
            out.append(word.lower())
    return " ".join(out)


def is_top_level(heading: str) -> bool:
    return " ".join(heading.upper().split()) in TOP_LEVEL


def is_trailer(heading: str) -> bool:
    return " ".join(heading.upper().split()) in TRAILERS


def known_heading(text: str) -> str | None:
    """The known heading (upper case) a heading text names, in any of the ways the newsletter has written it
    ("LEARNING HUMAN INTENT", "Learning human intent", "Miscellaneous (Alignment)"); None for other text."""
    words = text.split()
    upper = " ".join(words).upper()
    if upper not in KNOWN:
        return None
    if " ".join(words) in (upper, heading_title(upper)) or all(_capitalised_as_heading(w) for w in words[1:]):
        return upper
    return None


def _capitalised_as_heading(word: str) -> bool:
    """After the first word, a sentence-case heading has lower-case words, acronyms, and "(Capitalised)"."""
    bare = word.strip("()")
    return word.islower() or bare in KEEP_UPPER or (word.startswith("(") and bare.istitle())


KNOWN = {*TOP_LEVEL, *SUBSECTIONS, *TRAILERS}
