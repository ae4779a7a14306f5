"""An issue whose item titles link to javascript:, data:, vbscript:, relative or protocol-relative targets, in
every spelling a browser would still follow (upper case, spaces and control characters around or inside,
HTML entities): each such link is dropped as it is read, its title kept unlinked and the link listed among
the skipped with its reason; nothing the site publishes (pages, feed, show notes, JSON chapters, MP3 and Opus
chapter links) holds one, and in Chromium clicking the item runs nothing, while the pages' Content-Security-
Policy would stop an inline script or a javascript: link even if one were there."""
from __future__ import annotations

import email.policy
import email.utils
import json
import re
import subprocess
import sys
from email.message import EmailMessage
from html import escape, unescape
from pathlib import Path

import pytest

from podcast.links import published_link, vet_link

from tests.support.show import REPO, copy_show, run_podcast, serving

GOOD = "https://example.org/good-paper?a=1&b=2"
REFUSED = {
    "javascript:alert(1)": "javascript:",
    "JavaScript:alert(1)": "javascript:",
    "  javascript:alert(1)\n": "javascript:",
    "\x01javascript:alert(1)": "javascript:",
    "java\tscript:alert(1)": "javascript:",
    "java\nscript:alert(1)": "javascript:",
    "jav\x00ascript:alert(1)": "control characters",
    "data:text/html,<script>alert(1)</script>": "data:",
    "vbscript:msgbox(1)": "vbscript:",
    "//evil.example/x": "protocol-relative",
    "/relative/path": "relative link",
    "paper.html": "relative link",
    "https:evil.example": "no host",
    "http://[::1/x": "does not parse",
    "https://\\\\evil.example": "not a domain name",
    "mailto:": "no address",
}


@pytest.mark.parametrize("target, reason", REFUSED.items())
def test_a_link_of_another_scheme_or_spelling_is_refused_with_its_reason(target, reason):
    link, problem = vet_link(target)
    assert link is None and reason in problem


@pytest.mark.parametrize("target, published", [
    (GOOD, GOOD),
    ("  HTTPS://Example.org/x  ", "HTTPS://Example.org/x"),
    ("mailto:rohin@example.org", "mailto:rohin@example.org"),
    ("https://例え.jp/ü € x", "https://xn--r8jz45g.jp/%C3%BC%20%E2%82%AC%20x"),
])
def test_http_https_and_mailto_are_published_as_plain_ascii(target, published):
    assert vet_link(target) == (published, None)
    assert published_link(published) == published, "a published link passes again unchanged"


MARKDOWN_LINKS = {
    "Good paper": GOOD,
    "Script paper": "javascript:window.pwned=1",
    "Shouting paper": "JavaScript:window.pwned=2",
    "Data paper": "data:text/html,<script>window.pwned=3</script>",
    "Basic paper": "vbscript:msgbox(1)",
    "Protocol relative paper": "//evil.example/x",
}
HTML_LINKS = {
    "Good paper": GOOD,
    "Entity paper": "&#106;avascript:window.pwned=4",
    "Tab paper": "java&#9;script:window.pwned=5",
    "Spaced paper": " \tjavascript:window.pwned=6 ",
    "Named colon paper": "javascript&colon;window.pwned=7",
    "Relative paper": "paper.html",
}
"""As written in the HTML: BeautifulSoup decodes the entities, as a browser does."""


def _item(title: str, n: int) -> tuple[str, str]:
    return (f"(Author {chr(65 + n)}) (summarized by Rohin)",
            f"Paper {n} finds that careful readers of links are safer. Rohin's opinion: I agree.")


def markdown_issue(number: int) -> str:
    items = []
    for n, (title, url) in enumerate(MARKDOWN_LINKS.items()):
        byline, text = _item(title, n)
        items.append(f"[{title}]({url}) {byline}: {text}")
    return f"# [AN #{number}]: Links of every kind\n\n## HIGHLIGHTS\n\n" + "\n\n".join(items) + "\n"


def html_email(number: int) -> bytes:
    paragraphs = []
    for n, (title, href) in enumerate(HTML_LINKS.items()):
        byline, text = _item(title, n)
        paragraphs.append(f'<p><a href="{href}">{escape(title)}</a> {byline}: {text}</p>')
    html = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><table><tr><td>"
            "<h1>HIGHLIGHTS</h1>" + "".join(paragraphs) + "</td></tr></table></body></html>")
    message = EmailMessage()
    message["Subject"] = f"[AN #{number}]: Links in an email"
    message["From"] = "Rohin Shah <rohin@example.org>"
    message["Date"] = "Wed, 13 May 2020 17:00:00 +0000"
    message.set_content("See the HTML part.")
    message.add_alternative(html, subtype="html")
    return message.as_bytes(policy=email.policy.SMTP)


def new_episodes(root: Path) -> list[Path]:
    """The Markdown post as episode 201 and the HTML email as 202, by `podcast new`."""
    (root / "links.md").write_text(markdown_issue(201), encoding="utf-8")
    (root / "links.eml").write_bytes(html_email(202))
    folders = []
    for source in ("links.md", "links.eml"):
        done = run_podcast("new", str(root / source), "--episodes", str(root / "episodes"), cwd=root)
        assert done.returncode == 0, done.stderr
        folders.append(Path(done.stdout.strip()))
    return folders


def script_json(folder: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "podcast", "--show", str(REPO / "podcast.toml"), "script", str(folder),
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_refused_links_are_dropped_as_read_and_listed_as_skipped(tmp_path):
    for folder, links in zip(new_episodes(tmp_path), (MARKDOWN_LINKS, HTML_LINKS)):
        script = script_json(folder)
        chapters = {s["chapter"]: s["chapter_url"] for s in script["segments"]}
        assert {title: chapters[title] for title in links} == {t: GOOD if t == "Good paper" else None for t in links}
        refused = [s["text"] for s in script["skipped"] if s["reason"] == "refused link"]
        assert [text.split(":", 1)[0] for text in refused] == [t for t in links if t != "Good paper"], refused
        assert all(re.search(r"(?:is not published|relative link)", text) for text in refused), refused


def test_an_episode_link_of_another_scheme_is_one_line(tmp_path):
    folder = tmp_path / "episodes" / "099"
    folder.mkdir(parents=True)
    (folder / "issue.md").write_text(markdown_issue(99), encoding="utf-8")
    (folder / "episode.toml").write_text('number = 99\ntitle = "AN #99: x"\ndate = 2020-05-13\n'
                                         'link = "javascript:alert(1)"\n', encoding="utf-8")
    done = run_podcast("--show", str(REPO / "podcast.toml"), "script", str(folder))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"podcast: error: {folder / 'episode.toml'}: link: "
                                                "javascript: is not published (only http, https, mailto); give an "
                                                "http(s) or mailto link, or none"]


def test_a_catalog_written_before_the_check_loses_its_refused_links(tmp_path):
    from podcast.publishing.catalog import EpisodeEntry

    entry = EpisodeEntry.from_json({
        "number": 1, "guid": "g", "title": "t", "date": "2020-05-13", "description": "d",
        "link": "javascript:alert(1)", "audio": "episodes/001/a.mp3", "audio_bytes": 1, "duration_s": 1.0,
        "chapters": [{"title": "c", "url": "JavaScript:alert(2)", "start_s": 0.0}],
        "items": [{"title": "i", "url": "data:text/html,x", "authors": None, "summarizers": []},
                  {"title": "j", "url": GOOD, "authors": None, "summarizers": []}]})
    assert (entry.link, entry.chapters[0].url, [i.url for i in entry.items]) == (None, None, [None, GOOD])


def test_every_page_forbids_inline_script(tmp_path):
    """The Content-Security-Policy <meta> is in every page the site and the narrator get, and no page has an
    inline script, event handler attribute or style for it to block."""
    from podcast.publishing.templating import environment

    env = environment()
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        assert not re.search(r"<script(?![^>]*\bsrc=)", source), f"{name}: inline script"
        assert not re.search(r"\son[a-z]+=", source), f"{name}: event handler attribute"
        assert not re.search(r"\sstyle=", source), f"{name}: style attribute"
        fragment = name == "shownotes.html" or source.lstrip().startswith("{#") and "{% macro" in source
        if not fragment and "{% extends" not in source:  # the others extend base.html
            assert 'http-equiv="Content-Security-Policy"' in source, name


# The built site, in Chromium.

HOSTILE = re.compile(r"javascript|vbscript|data:text|evil\.example|pwned|paper\.html|alert\(", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_show(tmp_path_factory.mktemp("hostile-links"))
    folders = new_episodes(root)
    done = run_podcast("build", *map(str, folders), "--site", str(root / "public"), "--cache", str(root / "cache"),
                       cwd=root)
    assert done.returncode == 0, done.stderr
    return root / "public"


@pytest.mark.slow
def test_nothing_published_holds_a_refused_link(site):
    from mutagen.id3 import ID3
    from mutagen.oggopus import OggOpus

    texts = [p for p in site.rglob("*") if p.suffix in {".html", ".xml", ".json", ".vtt", ".srt"}]
    assert {"feed.xml", "catalog.json", "index.html"} <= {p.name for p in texts}
    for path in texts:
        text = unescape(path.read_text(encoding="utf-8"))
        assert not HOSTILE.search(text), f"{path.relative_to(site)}: {HOSTILE.search(text)[0]!r}"
    links = []
    for mp3 in site.rglob("*.mp3"):
        links += [frame.url for chap in ID3(mp3).getall("CHAP") for frame in chap.sub_frames.getall("WXXX")]
    for opus in site.rglob("*.opus"):
        links += [v for k, v in OggOpus(opus).tags if k.upper().endswith("URL")]
    assert links.count(GOOD) >= 2 * (2 if any(site.rglob("*.opus")) else 1), links
    assert all(published_link(link) == link for link in links), links
    chapters = [c for p in site.rglob("*chapters*.json") for c in json.loads(p.read_text())["chapters"]]
    assert [c["url"] for c in chapters if "url" in c] and all(c["url"] == GOOD for c in chapters if "url" in c)


@pytest.mark.slow
@pytest.mark.browser
def test_clicking_an_item_whose_link_was_refused_runs_nothing(site):
    from tests.support.browser import chromium

    with serving(site) as server, chromium("--mute-audio") as browser:
        for number, links in ((201, MARKDOWN_LINKS), (202, HTML_LINKS)):
            page = browser.new_page()
            dialogs, violations = [], []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"{server}episodes/{number}/")
            notes = page.locator("div.notes li")
            for title in links:
                item = notes.filter(has_text=title)
                if title == "Good paper":
                    assert item.locator("a").get_attribute("href") == GOOD
                    continue
                assert item.locator("a").count() == 0, f"{title} is still a link"
                item.get_by_text(title).click()
                page.locator("ol.chapters li", has_text=title).get_by_text(title).click()
            page.wait_for_timeout(300)
            assert page.url == f"{server}episodes/{number}/" and dialogs == []
            assert page.evaluate("window.pwned") is None
            assert violations == [], "the page's own scripts and styles keep to its policy"
            # Were a javascript: link or an inline script on the page anyway, the policy stops both.
            page.evaluate("""() => { const a = document.createElement('a'); a.id = 'planted';
                a.href = 'javascript:window.pwned=99'; a.textContent = 'planted'; document.body.append(a);
                const s = document.createElement('script'); s.textContent = 'window.pwned = 98';
                document.body.append(s); }""")
            page.click("#planted")
            page.wait_for_timeout(300)
            assert page.evaluate("window.pwned") is None and dialogs == []
            assert len(violations) == 2, violations
            page.close()
