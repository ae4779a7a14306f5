"""podcast script EPISODE_DIR [--format md|json], run as a producer would."""
import json
import shutil

from .support.show import CORPUS, run_podcast


def test_json_lists_segments_and_skipped_boilerplate():
    done = run_podcast("script", "episodes/099", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"segments", "skipped"}
    assert {"id", "kind", "chapter", "voice", "text"} <= set(data["segments"][0])
    assert data["segments"][0]["id"] == "099-00-intro"
    reasons = {s["reason"] for s in data["skipped"]}
    assert {"introduction", "closing trailers", "read-more link"} <= reasons


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
    assert "Summarized by Rohin. Hat tip to Jon Rodriguez." in out
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
