"""The catalog keeps the feed honest across rebuilds: GUIDs never change, no episode is dropped or reordered,
and a site that is not ours or a catalog that does not parse stops the build with nothing changed."""
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from podcast.publishing import load_catalog, publish
from podcast.publishing.catalog import episode_guid

from tests.support.files import private_copy, snapshot
from tests.support.show import AN99, an99_excerpt, copy_show, make_episode, run_podcast

pytestmark = pytest.mark.slow


def news_only_issue() -> str:
    """AN #99 with only its news item: the shortest real episode (about a minute of audio)."""
    text = AN99.read_text(encoding="utf-8")
    return text[: text.index("HIGHLIGHTS")] + text[text.index("NEWS BERI"):]


def items(site: Path) -> dict[str, bytes]:
    """Feed items by GUID, in feed order, as serialized XML."""
    channel = etree.parse(str(site / "feed.xml")).getroot().find("channel")
    return {item.findtext("guid"): etree.tostring(item) for item in channel.findall("item")}


@pytest.fixture
def show_root(tmp_path, published) -> Path:
    """A show of the test's own, with a copy of the published site's warm segment cache."""
    root = copy_show(tmp_path / "show")
    private_copy(published.cache, root / "cache")
    return root


def build(root: Path, published, *episodes: Path, site: Path | None = None):
    return run_podcast("build", *map(str, episodes), "--site", str(site or root / "public"),
                       "--cache", str(root / "cache"))


def test_guids_survive_edits_and_a_rebuild_from_scratch(show_root, published):
    text = news_only_issue()
    ep99 = make_episode(show_root / "episodes" / "099", 99, text, "AN #99: first title")
    ep100 = make_episode(show_root / "episodes" / "100", 100, text, "AN #100: next", date="2020-05-20")
    site = show_root / "public"
    assert build(show_root, published, ep99, ep100).returncode == 0
    first = items(site)
    feed_url = "https://alignment-newsletter.example/podcast/feed.xml"
    assert list(first) == [episode_guid(feed_url, 100), episode_guid(feed_url, 99)]

    edited = text.replace("free services to a wider set", "free services to a larger set")
    assert edited != text
    make_episode(ep99, 99, edited, "AN #99: a better title", date="2020-05-14")
    done = build(show_root, published, ep99)
    assert done.returncode == 0, done.stderr
    second = items(site)
    assert list(second) == list(first), "same GUIDs, same order"
    assert second[episode_guid(feed_url, 100)] == first[episode_guid(feed_url, 100)], "episode 100 untouched"
    assert b"a better title" in second[episode_guid(feed_url, 99)]

    shutil.rmtree(site)
    assert build(show_root, published, ep100, ep99).returncode == 0
    assert list(items(site)) == list(first)


@pytest.mark.parametrize("damage", [
    lambda site: (site / "catalog.json").write_text("{not json"),
    lambda site: (site / "catalog.json").write_text(json.dumps({"format": "someone-else/1", "episodes": []})),
    lambda site: (site / "catalog.json").write_text(json.dumps({
        "format": "alignment-newsletter-podcast/catalog/1",
        "episodes": 2 * json.loads((site / "catalog.json").read_text())["episodes"]})),
    lambda site: (site / "catalog.json").write_text((site / "catalog.json").read_text().replace(
        '"audio": "episodes/', '"audio": "../../')),
], ids=["not-json", "other-format", "duplicate-number", "path-outside"])
def test_bad_catalog_stops_the_build_and_changes_nothing(show_root, published, damage):
    site = show_root / "public"
    shutil.copytree(published.site, site)
    damage(site)
    before = snapshot(site)
    episode = make_episode(show_root / "episodes" / "100", 100, an99_excerpt(), "AN #100: x")
    done = build(show_root, published, episode)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert str(site / "catalog.json") in line and "does not parse" in line
    assert snapshot(site) == before


@pytest.mark.parametrize("kind", ["foreign-folder", "file"])
def test_site_that_is_not_ours_stops_the_build(show_root, published, kind):
    site = show_root / "public"
    if kind == "file":
        site.write_text("a file")
    else:
        site.mkdir()
        (site / "index.html").write_text("<p>someone's homepage</p>")
    before = site.read_bytes() if kind == "file" else snapshot(site)
    episode = make_episode(show_root / "episodes" / "100", 100, an99_excerpt(), "AN #100: x")
    done = build(show_root, published, episode)
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"podcast: error: {site}:")
    assert (site.read_bytes() if kind == "file" else snapshot(site)) == before


def test_media_and_sidecars_are_renamed_into_place_before_the_feed(tmp_path, published, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(published.site, site)
    catalog = load_catalog(site)
    entry = replace(catalog.episodes[99], title=catalog.episodes[99].title + " (revised)")  # feed and pages change
    files = {"audio": site / entry.audio, **{k: site / p for k, p in entry.sidecars.items()}}
    temporary = set(site.rglob(".*.tmp"))
    renamed = []
    real_replace = os.replace

    def recording_replace(src, dst):
        renamed.append(Path(dst).relative_to(site).as_posix())
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", recording_replace)
    publish(site, published.show, catalog, [(entry, files)])
    assert renamed[-1] == "feed.xml" and renamed.count("feed.xml") == 1
    for path in [entry.audio, *entry.sidecars.values(), "episodes/099/index.html", "index.html", "catalog.json"]:
        assert path in renamed[:-1], path
    assert set(site.rglob(".*.tmp")) == temporary, "no temporary file left behind"


def renumbered(site: Path, entry, number: int, feed_url: str):
    """The entry as another issue's: its files hard-linked under that number's names (as scripts/bench does)."""
    def moved(path: str) -> str:
        return path.replace("episodes/099/alignment-newsletter-099-", f"episodes/{number:03d}/alignment-newsletter-{number:03d}-")

    for path in [entry.audio, *entry.sidecars.values()]:
        (site / moved(path)).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / path, site / moved(path))
    return replace(entry, number=number, guid=episode_guid(feed_url, number), title=f"AN #{number}: earlier",
                   audio=moved(entry.audio), sidecars={k: moved(v) for k, v in entry.sidecars.items()})


def test_a_publish_renders_again_only_the_pages_whose_inputs_changed(tmp_path, published, monkeypatch):
    """An episode's page (and the summaries) carry the digest of what they were made from: publishing an edit of
    one episode renders that episode's page alone and leaves the other's file as it was, while a change of the
    show's settings renders every page again."""
    import podcast.publishing.pages as pages

    rendered = []
    real_render = pages.render

    def counted(template, **context):
        rendered.append((template, context["entry"].number) if template == "episode.html" else template)
        return real_render(template, **context)

    monkeypatch.setattr(pages, "render", counted)
    site = tmp_path / "site"
    shutil.copytree(published.site, site)
    catalog = load_catalog(site)
    publish(site, published.show, catalog, [(renumbered(site, catalog.episodes[99], 98, published.show.feed_url), {})])
    other, edited = site / "episodes/098/index.html", site / "episodes/099/index.html"
    before = other.stat().st_ino, other.read_bytes()
    assert b'<meta name="podcast-page" content="' in before[1]
    revised = replace(catalog.episodes[99], title=catalog.episodes[99].title + " (revised)")
    rendered.clear()
    publish(site, published.show, catalog, [(revised, {})])
    assert rendered == ["index.html", ("episode.html", 99)]
    assert (other.stat().st_ino, other.read_bytes()) == before
    assert "(revised)" in edited.read_text(encoding="utf-8")
    rendered.clear()
    publish(site, replace(published.show, title="Another show title"), catalog, [(revised, {})])
    assert sorted(map(str, rendered)) == ["('episode.html', 98)", "('episode.html', 99)", "index.html"]
    assert other.stat().st_ino != before[0] and "Another show title" in other.read_text(encoding="utf-8")
    assert "Another show title" in (site / "summaries.html").read_text(encoding="utf-8")


def test_catalog_json_is_each_entrys_fields_and_nothing_else(published):
    """catalog.json holds each entry's dataclass fields in order (orjson writes them; an attribute cached on an entry
    would leak in): the bytes are what json.dumps of dataclasses.asdict with indent 2 gives."""
    from dataclasses import asdict

    from podcast.publishing.catalog import FORMAT

    catalog = load_catalog(published.site)
    catalog.episodes[99].__dict__["cached"] = "not a field"  # as functools.cached_property would store it
    expected = {"format": FORMAT, "episodes": [asdict(e) for e in sorted(catalog.episodes.values(), key=lambda e: e.number)]}
    assert catalog.to_json() == (json.dumps(expected, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
