"""podcast script EPISODE_DIR [--format md|json], run as a producer would."""
import json
import shutil

from .conftest import CORPUS, REPO, run_podcast


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
