"""podcast script EPISODE_DIR [--format md|json], run as a producer would."""
import json
import shutil
import subprocess
import sys

from tests.support.show import CORPUS, REPO, run_podcast


def test_json_lists_segments_and_skipped_boilerplate():
    done = run_podcast("script", "episodes/099", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"segments", "skipped"}
    assert {"id", "kind", "chapter", "chapter_index", "voice", "text"} <= set(data["segments"][0])
    assert data["segments"][0]["id"] == "099-00-intro"
    assert [data["segments"][i]["chapter_index"] for i in (0, -1)] == [0, 14]
    reasons = {s["reason"] for s in data["skipped"]}
    assert {"introduction", "closing trailers", "read-more link", "cross-reference"} <= reasons
    assert {"reason": "cross-reference", "text": "( AN #73 )"} in data["skipped"]


def test_json_lists_a_long_equation_as_skipped(show_dir):
    folder = show_dir / "episodes" / "101"
    folder.mkdir(parents=True)
    equation = "$$\\sum_{t=0}^{T} \\gamma^t r(s_t, a_t) - \\beta \\, \\mathrm{KL}(\\pi(\\cdot|s_t) \\| \\pi_0(\\cdot|s_t))$$"
    (folder / "issue.md").write_text(
        f"**[A Bound](https://example.org/a)** *(Jane Doe)* (summarized by Rohin): It maximises {equation} "
        "for p(s|o).\n", encoding="utf-8")
    (folder / "episode.toml").write_text('number = 101\ntitle = "AN #101: Bounds"\ndate = 2020-05-27\n')
    done = run_podcast("script", str(folder), "--format", "json", cwd=show_dir)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    summary = next(s for s in data["segments"] if s["kind"] == "summary")["text"]
    assert "It maximises an equation, shown in the show notes for p of s given o." in summary
    assert {"reason": "long equation", "text": equation} in data["skipped"]


def test_markdown_for_people_from_a_markdown_issue(show_dir):
    folder = show_dir / "episodes" / "098"
    folder.mkdir(parents=True)
    shutil.copy(CORPUS / "an-098.md", folder / "issue.md")
    (folder / "episode.toml").write_text('number = 98\ntitle = "AN #98: Gradients"\ndate = 2020-05-06\n')
    done = run_podcast("script", str(folder), cwd=show_dir)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("# AN #98: Gradients")
    assert "## 098-04-imitation-learning-via-off-policy-distribution-summary" in out
    assert "Summary by Rohin. Hat tip to Jon Rodriguez." in out
    assert "## Skipped (not spoken)" in out and "- **prerequisites link**: Prerequisities: DualDICE" in out
    assert "http" not in out.split("## Skipped")[0]


def test_unplaced_text_is_a_one_line_warning_and_still_spoken(show_dir):
    folder = show_dir / "episodes" / "005"
    folder.mkdir(parents=True)
    (folder / "issue.html").write_text(
        "<p><a href='https://x.org'>A Paper</a> <em>(Ann Author)</em> (summarized by Rohin): It works.</p>"
        "<h2>FORECASTING</h2><p>An orphan note that belongs to no item.</p>", encoding="utf-8")
    (folder / "episode.toml").write_text('number = 5\ntitle = "AN #5: x"\ndate = 2020-05-13\n')
    done = run_podcast("script", str(folder), "--format", "json", cwd=show_dir)
    assert done.returncode == 0, done.stderr
    warning = [line for line in done.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and "issue.html" in warning[0] and "An orphan note" in warning[0]
    summary = next(s for s in json.loads(done.stdout)["segments"] if s["kind"] == "summary")
    assert summary["text"].endswith("It works. An orphan note that belongs to no item.")


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """`podcast script ... | head`: the pipe is closed before the command writes; no traceback, SIGPIPE's status."""
    process = subprocess.Popen([sys.executable, "-m", "podcast", "script", "episodes/099", "--format", "json"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 141 and stderr == "", stderr
