"""The spoken script of AN #99: order, ids, kinds, announcements."""
import re
from pathlib import Path

import pytest

from podcast.config import load_episode_meta, load_show
from podcast.reading import read_issue
from podcast.scripting import write_script

from tests.support.show import AN99, REPO


@pytest.fixture(scope="module")
def script():
    meta = load_episode_meta(REPO / "episodes/099/episode.toml")
    return write_script(read_issue(AN99), meta, load_show(REPO / "podcast.toml"))


def test_opening_names_show_and_issue(script):
    intro = script.segments[0]
    assert intro.kind == "intro"
    assert "Alignment Newsletter Podcast" in intro.text and "issue ninety nine" in intro.text


def test_closing_comes_last(script):
    assert script.segments[-1].kind == "outro"


def test_items_are_announced_with_title_authors_and_summarizer(script):
    first = next(s for s in script.segments if s.kind == "highlight")
    assert first.text.startswith("AI and Efficiency. By Danny Hernandez and others. Summary by Flo. Given")


def test_opinions_are_announced(script):
    opinions = [s for s in script.segments if s.kind == "opinion"]
    assert [s.text.split(".")[0] for s in opinions] == [
        "Flo's opinion", "Asya's opinion", "Rohin's opinion", "Asya's opinion", "Rohin's opinion",
        "Nicholas's opinion", "Rohin's opinion", "Rohin's opinion"]
    assert [s.role for s in opinions][:3] == ["opinion:Flo", "opinion:Asya", "opinion:Rohin"]


def test_section_headings_are_spoken_when_they_change(script):
    sections = [s.text for s in script.segments if s.kind == "section"]
    assert sections == ["Highlights.", "Technical AI alignment. Robustness.", "Miscellaneous (alignment).",
                        "AI strategy and policy.", "Other progress in AI. Unsupervised learning.",
                        "Reinforcement learning.", "News."]


def test_chapters_are_the_items_plus_opening_and_closing(script):
    chapters = list(dict.fromkeys(s.chapter for s in script.segments))
    assert len(chapters) == 15
    assert chapters[1] == "AI and Efficiency" and chapters[-1] == "Closing"
    indices = [s.chapter_index for s in script.segments]
    assert indices == sorted(indices) and list(dict.fromkeys(indices)) == list(range(15))


def test_ids_are_stable_structural_and_unique(script):
    ids = [s.id for s in script.segments]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "099-00-intro"
    assert "099-02-is-bert-really-robust-a-strong-opinion-rohin" in ids
    assert all(re.fullmatch(r"099-\d\d-[a-z0-9-]+", i) for i in ids)


def test_ids_survive_a_typo_fix(tmp_path: Path):
    meta = load_episode_meta(REPO / "episodes/099/episode.toml")
    show = load_show(REPO / "podcast.toml")
    text = AN99.read_text().replace("acuracy", "accuracy")
    path = tmp_path / "issue.txt"
    path.write_text(text)
    before = write_script(read_issue(AN99), meta, show)
    after = write_script(read_issue(path), meta, show)
    assert [s.id for s in before.segments] == [s.id for s in after.segments]
    changed = [a.id for a, b in zip(before.segments, after.segments) if a.text_hash != b.text_hash]
    assert changed == ["099-02-is-bert-really-robust-a-strong-summary"]


def test_nothing_unspeakable_is_spoken(script):
    spoken = " ".join(s.text for s in script.segments)
    for bad in ["http", "AN #", "(!)", "~", "%", "Audio version here", "FEEDBACK"]:
        assert bad not in spoken
    assert "about eighty to ninety percent" in spoken
