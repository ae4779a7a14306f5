"""The repository stands on its own: a fresh clone holds everything its tests and scripts read."""
import re
import subprocess

import pytest

from tests.support.show import CORPUS, REPO

OUTSIDE = re.compile("|".join([
    r"\.\./" + "shared",  # the workplace's shared folder beside a checkout (split so this file does not match)
    r"(?:^|[^\w.~-])/(?:work|root|home|Users|mnt|opt)/",  # one machine's absolute paths
]))


def tracked_files() -> list[str]:
    done = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True)
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    return [name for name in done.stdout.decode().split("\0") if name]


def test_nothing_tracked_refers_outside_the_checkout():
    found = []
    for name in tracked_files():
        try:
            text = (REPO / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue  # binary (audio, images) or deleted in the work tree
        found += [f"{name}:{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1) if OUTSIDE.search(line)]
    assert found == []


def test_the_corpus_is_in_the_repository_with_its_sources():
    issues = sorted(p.name for p in CORPUS.glob("an-*.*"))
    assert len(issues) == 14
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(name in sources for name in issues)
    tracked = set(tracked_files())
    assert {f"tests/corpus/an/{name}" for name in [*issues, "SOURCES.md"]} <= tracked


def test_the_pattern_finds_what_it_guards_against():
    assert OUTSIDE.search("CORPUS = REPO.parent / '..' / '../" + "shared/corpus'")
    assert OUTSIDE.search('Path("/' + 'work/x")') and OUTSIDE.search("see /" + "home/me/podcast")
    assert not OUTSIDE.search("~/.cache/podcast and episodes/099/issue.txt")


def test_every_corpus_file_matches_the_digest_its_sources_table_gives():
    import hashlib

    rows = re.findall(r"^\| (an-\d+\.\w+) \|(?:.*\|)? ([0-9a-f]{64}) \|$", (CORPUS / "SOURCES.md").read_text(), re.M)
    assert sorted(name for name, _ in rows) == sorted(p.name for p in CORPUS.glob("an-*.*"))
    for name, digest in rows:
        assert hashlib.sha256((CORPUS / name).read_bytes()).hexdigest() == digest, name
