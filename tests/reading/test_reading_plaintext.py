"""The flattened plain-text reader on the real AN #99."""
from pathlib import Path

import pytest

from podcast.errors import InputError
from podcast.reading import read_issue
from podcast.reading.plaintext import read_plaintext

from tests.support.show import AN99

TITLES = [
    "AI and Efficiency",
    "Is BERT Really Robust? A Strong Baseline for Natural Language Attack on Text Classification and Entailment",
    "Pretrained Transformers Improve Out-of-Distribution Robustness",
    "Corrigibility as outside view",
    "AI Governance in 2019 - A Year in Review: Observations from 50 Global Experts",
    "A Simple Framework for Contrastive Learning of Visual Representations",
    "Momentum Contrast for Unsupervised Visual Representation Learning",
    "Improved Baselines with Momentum Contrastive Learning",
    "CURL: Contrastive Unsupervised Representations for Reinforcement Learning",
    "Reinforcement Learning with Augmented Data",
    "Image Augmentation Is All You Need: Regularizing Deep Reinforcement Learning from Pixels",
    "A Reinforcement Learning Potpourri",
    "BERI seeking new university collaborators",
]


@pytest.fixture(scope="module")
def an99():
    return read_issue(AN99)


def test_thirteen_items_in_order(an99):
    assert [item.title for item in an99.items] == TITLES


def test_sections(an99):
    sections = [item.section for item in an99.items]
    assert sections[0] == ("Highlights",)
    assert sections[1] == sections[2] == ("Technical AI alignment", "Robustness")
    assert sections[3] == ("Technical AI alignment", "Miscellaneous (alignment)")
    assert sections[4] == ("AI strategy and policy",)
    assert sections[5:8] == [("Other progress in AI", "Unsupervised learning")] * 3
    assert sections[8:12] == [("Other progress in AI", "Reinforcement learning")] * 4
    assert sections[12] == ("News",)
    assert an99.items[0].is_highlight and an99.items[12].is_news


def test_authors_and_summarizers(an99):
    assert an99.items[0].authors == "Danny Hernandez et al"
    assert an99.items[1].authors == "Di Jin, Zhijing Jin et al"
    assert an99.items[4].authors == "Shi Qian, Li Hui, Brian Tse et al"
    assert [item.summarizers for item in an99.items] == [
        ("Flo",), ("Asya",), ("Asya",), ("Rohin",), ("Nicholas",)] + [("Rohin",)] * 8


def test_opinions_are_separate_parts_with_holders(an99):
    holders = [o.holder for item in an99.items for o in item.opinions]
    assert holders == ["Flo", "Asya", "Rohin", "Asya", "Rohin", "Nicholas", "Rohin", "Rohin"]
    bert = an99.items[1]
    assert bert.opinions[0].paragraphs[0].startswith("I was surprised")
    assert bert.opinions[1].paragraphs[0].startswith("This is an instance of the general trend")
    assert "opinion:" not in bert.paragraphs[0]


def test_summary_boundaries(an99):
    first = an99.items[0].paragraphs[0]
    assert first.startswith("Given the exponential increase")
    assert first.endswith("keep better track of algorithmic efficiency.")
    assert an99.items[6].paragraphs[0].endswith("the representations are approximately consistent.")
    news = an99.items[12].paragraphs[0]
    assert news.endswith("you can apply here .") and "FEEDBACK" not in news


def test_read_more_is_kept_apart_from_the_summary(an99):
    rad = an99.items[9]
    assert rad.read_more == ("RAD Website",)
    assert not rad.paragraphs[0].endswith("RAD Website")


def test_boilerplate_is_skipped_not_read(an99):
    reasons = {s.reason: s.text for s in an99.skipped}
    assert reasons["introduction"].startswith("Alignment Newsletter is a weekly publication")
    assert "Audio version here" in reasons["introduction"]
    assert reasons["closing trailers"].startswith("FEEDBACK")
    assert "PODCAST An audio podcast version" in reasons["closing trailers"]
    spoken = " ".join(p for item in an99.items for p in item.paragraphs)
    assert "Audio version here" not in spoken and "FEEDBACK" not in spoken


def test_text_without_items_has_none():
    assert read_plaintext("Just a note with no items in it. Nothing here.").items == ()


@pytest.mark.parametrize("content, problem", [
    (b"", "is empty"),
    (b"   \n ", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"caf\xe9 au lait (Someone) (summarized by X): text", "not UTF-8"),
    (b"Hello. No items at all.", "no items found"),
])
def test_bad_issue_files_are_input_errors(tmp_path: Path, content: bytes, problem: str):
    path = tmp_path / "issue.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_issue(path)
    assert problem in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)
