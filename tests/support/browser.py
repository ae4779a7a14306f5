"""Debian's Chromium, headless, driven by Playwright (which never downloads a browser of its own here)."""
from __future__ import annotations

import shutil
from contextlib import contextmanager

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required"]
"""Without the background-networking flags Chromium keeps dialling out of this closed network."""


def chromium_path() -> str:
    path = shutil.which("chromium")
    assert path, "Debian's chromium is not installed (scripts/system-packages installs it)"
    return path


@contextmanager
def chromium(*extra_flags: str):
    """A headless Chromium browser (Playwright's Browser), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=[*FLAGS, *extra_flags])
        try:
            yield browser
        finally:
            browser.close()


def wait_for(page, expression: str, timeout: int = 30_000) -> None:
    """Until the JavaScript expression (or function) is truthy in the page. Playwright's wait_for_function
    compiles its predicate in the page, which the pages' Content-Security-Policy (no eval) refuses; evaluate
    runs outside the policy, as a person's devtools do."""
    import time

    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true within {timeout} ms: {expression}"
        page.wait_for_timeout(50)
