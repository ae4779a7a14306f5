"""The newsletter's real variety, read from the corpus Markdown (and so from its HTML), and bad input."""
import warnings
from pathlib import Path

import pytest

from podcast.errors import InputError
from podcast.reading import detect_format, read_issue
from podcast.reading.html import read_html
from podcast.reading.markdown import read_markdown

from tests.support.show import CORPUS, run_podcast
from tests.support.corpus import as_flat_text, as_html


def md(number: int):
    return read_markdown((CORPUS / f"an-{number:03d}.md").read_text(encoding="utf-8"))


def item(issue, title_start: str):
    return next(i for i in issue.items if i.title.startswith(title_start))


def test_nested_sections_in_both_layouts():
    assert item(md(79), "Learning human objectives").section == ("Technical AI alignment", "Learning human intent")
    assert item(md(93), "Deconfusing Human Values").section == ("Technical AI alignment", "Learning human intent")
    assert item(md(98), "Algorithmic Fairness").section == ("Near-term concerns", "Fairness and bias")
    assert item(md(89), "FHI Summer Research").is_news


def test_item_urls_are_kept():
    assert item(md(79), "Procgen Benchmark").url == "https://openai.com/blog/procgen-benchmark/"
    assert item(md(100), "Gradient Surgery").url.startswith("http")
    assert all(i.url for i in md(91).items)


def test_several_opinions_and_opinions_by_someone_else():
    assert [o.holder for o in item(md(91), "Subagents and impact").opinions] == ["Flo", "Rohin"]
    finding = item(md(97), "Finding and Visualizing")
    assert finding.summarizers == ("Rohin",) and [o.holder for o in finding.opinions] == ["Robert"]
    assert [o.holder for o in item(md(97), "Discontinuous progress").opinions] == ["Nicholas", "Rohin"]


def test_opinions_run_on_over_paragraphs_and_lists():
    reframing = item(md(91), "Reframing Impact - Part 3").opinions[0]
    assert reframing.paragraphs[-1].startswith("Note that the author himself")
    nicholas = item(md(97), "Discontinuous progress").opinions[0]
    assert any(p.startswith("3 of them were due to") for p in nicholas.paragraphs)


def test_items_with_no_summarizer_no_text_or_no_authors():
    rice = item(md(98), "How does iterated amplification")
    assert rice.authors == "Issa Rice" and rice.summarizers == () and rice.paragraphs == ()
    gcri = item(md(85), "Junior Research Assistant")
    assert gcri.authors is None and gcri.summarizers == ("Rohin",)
    unlinked = item(md(97), "Various trends relevant")
    assert unlinked.url is None and unlinked.authors == "Asya Bergal and Daniel Kokotajlo"


def test_link_lines_and_hat_tips():
    dice = item(md(98), "Imitation Learning via Off-Policy")
    assert dice.prerequisites == ("DualDICE",) and dice.read_more == ("GAIL",)
    assert not any("Read more" in p for p in dice.paragraphs)
    assert item(md(98), "Ethical Mission Definition").hat_tip == "Jon Rodriguez"


def test_bullet_lists_are_paragraphs():
    procgen = item(md(79), "Procgen Benchmark")
    assert "Larger models improve sample efficiency and generalization." in procgen.paragraphs
    podcast = item(md(96), "AI Alignment Podcast: An Overview")
    assert "Timelines for AGI" in podcast.paragraphs


def test_preface_section_notes_and_essay_issues():
    assert md(80).preface[0].startswith("Welcome to another special edition")
    assert md(80).items[0].section == ()
    previous = item(md(83), "Defining and Unpacking")
    assert previous.section == ("Previous newsletters",)
    assert previous.preamble[0].startswith("In last week's email")
    review = md(84)
    assert review.items == () and review.preface[0].startswith("This is the summary of a review post")
    assert any(p.startswith("Basic analysis of AI risk.") for p in review.preface)


def test_boilerplate_and_trailers_are_skipped_with_reasons():
    issue = md(85)
    reasons = {s.reason: s.text for s in issue.skipped}
    assert reasons["introduction"].startswith("View this email in your browser")
    assert reasons["closing trailers"].startswith("Copyright ©")
    assert md(91).skipped[-1].text.startswith("FEEDBACK")
    assert md(100).preface == ("Newsletter #100 (!!)",)


def test_unplaced_text_warns_and_is_still_spoken():
    html = ("<p><a href='https://x.org'>A Paper</a> <em>(Ann Author)</em> (summarized by Rohin): Text.</p>"
            "<h2>FORECASTING</h2><p>An orphan note that belongs to no item.</p>")
    with pytest.warns(UserWarning, match="An orphan note"):
        issue = read_html(html)
    assert issue.items[0].paragraphs[-1] == "An orphan note that belongs to no item."


@pytest.mark.parametrize("number, fmt", [(91, ".md"), (91, ".html"), (91, ".txt")])
def test_format_is_detected_from_content(number, fmt):
    path = CORPUS / f"an-{number:03d}.md"
    text = {".md": path.read_text(encoding="utf-8"), ".html": as_html(path), ".txt": as_flat_text(path)}[fmt]
    assert detect_format(text) == fmt


def test_extensionless_file_is_read_by_its_content(tmp_path: Path):
    path = tmp_path / "issue"
    path.write_text(as_html(CORPUS / "an-091.md"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert len(read_issue(path).items) == 10


@pytest.mark.parametrize("name, content, problem", [
    ("issue.pdf", b"%PDF-1.4", "unknown issue format '.pdf'"),
    ("issue.md", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("issue.html", b"<p>caf\xe9</p>", "not UTF-8"),
    ("issue.md", b"# Notes\n\nJust some **notes** with [a link](http://x.org), no items.\n", "no items found"),
    ("issue.html", b"<html><body><p>Hello.</p></body></html>", "no items found"),
])
def test_bad_issue_files_are_one_line_input_errors(tmp_path: Path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_issue(path)
    assert problem in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_cli_reports_bad_input_in_one_line_and_fails(tmp_path: Path, show_dir: Path):
    folder = show_dir / "episodes" / "007"
    folder.mkdir(parents=True)
    (folder / "episode.toml").write_text('number = 7\ntitle = "AN #7: x"\ndate = 2020-05-13\n')
    (folder / "issue.md").write_bytes(b"\xff\xfe not utf-8")
    done = run_podcast("script", str(folder), cwd=show_dir)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "is not UTF-8 text" in done.stderr


EMAIL = """<!DOCTYPE html><html><head><style>.mcnTextContent{color:#202020}</style></head><body><center>
<table class="bodyTable"><tr><td class="mcnTextContent">
<div>Alignment Newsletter is a weekly publication with recent content relevant to AI alignment around the world.
Audio version <a href="http://alignment-newsletter.libsyn.com/alignment-newsletter-99">here</a> (may not be up yet).</div>
<p><strong>HIGHLIGHTS</strong></p>
<div><strong><a href="https://openai.com/blog/ai-and-efficiency/">AI and Efficiency</a></strong> <em>(Danny Hernandez
et al)</em> (summarized by Flo): Given the exponential increase (<strong><a href="https://x/7">AN #7</a></strong>) in
compute used for state-of-the-art results in ML, one might come to think that there has been little algorithmic
progress.<br>This paper presents strong evidence against that hypothesis.</div>
<div><strong>Flo's opinion:</strong> Even though access to compute has surely helped with increased efficiency</div>
<p><strong>TECHNICAL AI ALIGNMENT</strong></p><p><strong>ROBUSTNESS</strong></p>
<div><strong><a href="https://arxiv.org/abs/1907.11932">Is BERT Really Robust?</a></strong> <em>(Di Jin, Zhijing Jin
et al)</em> (summarized by Asya): This paper presents TextFooler.</div>
<blockquote><p>An algorithm for generating adversarial text.</p></blockquote>
<h4><strong>FEEDBACK</strong></h4><div>I'm always happy to hear feedback.</div>
</td></tr></table></center></body></html>"""


def test_email_html_with_bold_links_italic_authors_and_bold_headings():
    issue = read_html(EMAIL)
    assert [(i.title, i.authors, i.summarizers, i.section, i.url) for i in issue.items] == [
        ("AI and Efficiency", "Danny Hernandez et al", ("Flo",), ("Highlights",),
         "https://openai.com/blog/ai-and-efficiency/"),
        ("Is BERT Really Robust?", "Di Jin, Zhijing Jin et al", ("Asya",), ("Technical AI alignment", "Robustness"),
         "https://arxiv.org/abs/1907.11932")]
    assert issue.items[0].paragraphs[0].endswith("little algorithmic progress. This paper presents strong evidence "
                                                 "against that hypothesis.")
    assert issue.items[0].opinions[0].holder == "Flo"
    assert issue.items[1].paragraphs[-1] == "An algorithm for generating adversarial text."
    assert [s.reason for s in issue.skipped] == ["introduction", "closing trailers"]


def test_angle_brackets_in_markdown_text_are_words_not_tags():
    assert any("can’t do <property X> (say, causal reasoning)" in p for p in md(84).preface)
