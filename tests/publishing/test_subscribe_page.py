"""Subscribe links and the "Copy feed URL" button on every page, in Debian's headless Chromium."""
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from podcast.publishing.subscribe import subscribe_links

from tests.support.browser import chromium, wait_for

FEED = "https://alignment-newsletter.example/podcast/feed.xml"


def test_links_follow_each_apps_convention(published):
    show = replace(published.show, base_url="https://alignment-newsletter.example/podcast/", title="AN & co")
    links = {link.app: link.url for link in subscribe_links(show)}
    assert links["Apple Podcasts"] == "podcast://alignment-newsletter.example/podcast/feed.xml"
    assert links["Pocket Casts"] == "pktc://subscribe/alignment-newsletter.example/podcast/feed.xml"
    assert links["Podcast Addict"] == "podcastaddict://" + FEED
    assert parse_qs(urlsplit(links["Overcast"]).query) == {"url": ["alignment-newsletter.example/podcast/feed.xml"]}
    antenna = urlsplit(links["AntennaPod"])
    assert antenna.netloc == "antennapod.org" and antenna.path == "/deeplink/subscribe"
    assert parse_qs(antenna.query) == {"url": [FEED], "title": ["AN & co"]}
    assert "Castro" not in links, "Castro documents links by Apple id only"
    listed = {link.app: link.url for link in subscribe_links(replace(show, apple_id=1234567))}
    assert listed["Apple Podcasts"] == "https://podcasts.apple.com/podcast/id1234567"
    assert listed["Overcast"] == "https://overcast.fm/itunes1234567"
    assert listed["Castro"] == "https://castro.fm/itunes/1234567"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "episodes/099/index.html"])
def test_every_page_has_the_links_and_the_copy_button_copies(browser, server, published, path):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(server + path)
        hrefs = {a.get_attribute("data-app"): a.get_attribute("href") for a in page.locator("a.subscribe-app").all()}
        assert hrefs == {link.app: link.url for link in subscribe_links(published.show)}
        assert parse_qs(urlsplit(hrefs["AntennaPod"]).query)["url"] == [published.show.feed_url]
        page.click("#copy-feed-url")
        wait_for(page, "document.getElementById('copy-status').textContent === 'Copied.'")
        assert page.evaluate("navigator.clipboard.readText()") == published.show.feed_url
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_without_the_clipboard_api_the_url_is_selected(browser, server, published):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.goto(server + "index.html")
        page.click("#copy-feed-url")
        selected = page.evaluate("(() => { const f = document.activeElement;"
                                 " return f.value.substring(f.selectionStart, f.selectionEnd); })()")
        assert selected == published.show.feed_url
    finally:
        context.close()
