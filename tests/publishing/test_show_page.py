"""The show pages served by `podcast serve`, in Debian's headless Chromium driven by Playwright."""
import json
import time
from dataclasses import replace

import pytest
from playwright.sync_api import expect

from tests.support.published_site import EPISODE_TITLE, ITEM_TITLE
from tests.support.browser import chromium, wait_for
from tests.support.files import private_copy
from tests.support.show import serving

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    with chromium("--mute-audio") as browser:
        yield browser


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request and script error, and fails on any request off the server."""
    context = browser.new_context()
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
    assert page.requests and all(url.startswith(server) for url in page.requests), page.requests
    assert page.errors == []


@pytest.fixture(scope="module")
def entry(published):
    from podcast.publishing import load_catalog

    return load_catalog(published.site).episodes[99]


def test_clicking_a_chapter_seeks_the_player(page, server, entry):
    page.goto(server + "episodes/099/")
    chapter = entry.chapters[2]
    page.locator(f"ol.chapters li[data-start='{chapter.start_s}'] a.moment").click()
    wait_for(page, f"(() => {{ const p = document.getElementById('player');"
                   f" return !p.seeking && !p.paused && p.currentTime >= {chapter.start_s} - 0.05"
                   f" && p.currentTime < {chapter.start_s} + 1.5; }})()", timeout=10_000)
    assert page.evaluate("document.getElementById('player').currentTime") >= chapter.start_s - 0.05


PLAYER_STATE = r"""() => {
  const player = document.getElementById('player');
  const current = document.querySelectorAll('#transcript .current');
  return {t: player.currentTime, paused: player.paused, seeking: player.seeking, count: current.length,
          text: current.length ? current[0].innerText.split(/\s+/).join(' ').trim() : null};
}"""


def json_cues(path) -> list[tuple[float, float, str]]:
    """(start_s, end_s, sentence) of each segment of the JSON transcript: the sentences the page shows."""
    segments = json.loads(path.read_text(encoding="utf-8"))["segments"]
    return [(s["startTime"], s["endTime"], " ".join(s["body"].split())) for s in segments]


def assert_highlight_follows_playback(page, cues, samples: int = 4) -> None:
    """While the player plays, the one highlighted sentence is the cue at its current time (sampled away from cue
    edges: the page updates on timeupdate, about 4 times a second)."""
    checked, deadline = 0, time.monotonic() + 15
    while checked < samples:
        assert time.monotonic() < deadline, f"only {checked} samples inside a cue"
        state = page.evaluate(PLAYER_STATE)
        assert not state["paused"]
        inside = [text for start, end, text in cues if start + 0.3 <= state["t"] < end - 0.3]
        if inside and not state["seeking"]:
            assert (state["count"], state["text"]) == (1, inside[0]), state
            checked += 1
        page.wait_for_timeout(250)


def test_transcript_sentence_is_highlighted_while_playing(page, server, published, entry):
    cues = json_cues(published.site / entry.sidecars["transcript"])
    page.goto(server + "episodes/099/")
    assert page.locator("#transcript .cue").count() == len(cues)
    wait_for(page, "document.querySelectorAll('#transcript .current').length === 1")
    assert " ".join(page.locator("#transcript .current").inner_text().split()) == cues[0][2], "at 0 s, the first cue"
    longest = max(range(1, len(cues)), key=lambda i: cues[i][1] - cues[i][0])
    page.locator("#transcript .cue").nth(longest).click()  # a sentence of the transcript seeks too
    wait_for(page, f"document.getElementById('player').currentTime >= {cues[longest][0]}")
    current = page.locator("#transcript .current")
    expect(current).to_have_count(1)
    expect(current).to_have_text(cues[longest][2])
    assert current.get_attribute("aria-current") == "true"
    assert_highlight_follows_playback(page, cues)


def test_transcript_without_webvtt_captions(browser, published, entry, tmp_path):
    """An episode with only the JSON transcript (no captions track): the page shows and highlights it all the same."""
    from podcast.publishing.pages import episode_page

    site = private_copy(published.site, tmp_path / "site")
    cues = json_cues(site / entry.sidecars["transcript"])
    html = episode_page(published.show, replace(entry, sidecars={k: v for k, v in entry.sidecars.items() if k != "vtt"}),
                        "artwork.png", site / entry.sidecars["transcript"])
    assert "<track" not in html
    (site / "episodes" / "099" / "json-only.html").write_text(html, encoding="utf-8")
    page = browser.new_page()
    with serving(site) as server:
        try:
            page.goto(server + "episodes/099/json-only.html")
            wait_for(page, f"document.querySelectorAll('#transcript .cue').length === {len(cues)}")
            page.locator("ol.chapters a.moment").nth(1).click()
            wait_for(page, f"document.getElementById('player').currentTime >= {entry.chapters[1].start_s}")
            assert_highlight_follows_playback(page, cues)
        finally:
            page.close()


@pytest.mark.parametrize("path", ["", "episodes/099/"])
def test_injected_script_in_titles_does_not_run(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("load")
    assert page.evaluate("window.pwned") is None
    text = page.inner_text("main")
    assert EPISODE_TITLE in text or EPISODE_TITLE.removeprefix("AN #99: ") in text
    if path:
        assert ITEM_TITLE in text and EPISODE_TITLE.startswith(page.title().removesuffix("…"))
    assert page.locator("main b").count() == 0, "markup in a title stays text"
    scripts = page.eval_on_selector_all("script", "s => s.map(e => e.getAttribute('src'))")
    root = "../../" if path else ""
    assert scripts == ([] if not path else [f"{root}assets/player.js"]) + [f"{root}assets/subscribe.js",
                                                                          f"{root}assets/search.js"], "only our own"


def test_index_lists_episodes_and_subscribe_link(page, server):
    page.goto(server)
    assert page.locator("a.subscribe").get_attribute("href") == "feed.xml"
    page.locator("ul.episodes a").first.click()
    page.wait_for_url(server + "episodes/099/index.html")
    assert page.locator("audio#player").count() == 1
