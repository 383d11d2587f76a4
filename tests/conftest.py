"""Shared pytest fixtures, in sections owned by different areas: add yours as a new section."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# ===========================================================================================
# Browser tests (Playwright driving Debian's chromium; see docs/development.md)
# ===========================================================================================
# Playwright's sync API runs an event loop in this thread; Django would then refuse database
# access from the same thread (SynchronousOnlyOperation) in live_server tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
BROWSER_TESTS_DIR = Path(__file__).resolve().parent / "browser"


def _browser_unavailable(reason: str) -> None:
    """Fail when every component is required (CI), otherwise skip with the reason."""
    if os.environ.get("HUB_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (HUB_REQUIRE_ALL=1: browser tests must not be skipped)")
    pytest.skip(f"{reason}; run scripts/ensure_chromium.sh to install it")


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    """One headless Debian chromium for the whole session (never `playwright install`)."""
    if not os.access(CHROMIUM_PATH, os.X_OK):
        _browser_unavailable(f"chromium not found at {CHROMIUM_PATH}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _browser_unavailable(f"playwright is not installed ({exc})")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
            )
        except Exception as exc:  # any launch failure means no browser
            _browser_unavailable(f"chromium at {CHROMIUM_PATH} did not start: {exc}")
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium_browser) -> Iterator[object]:
    """A fresh browser context and page per test (no cookies or storage shared)."""
    context = chromium_browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


# A module can define each hook once: if another section needs this hook, extend this function.
def pytest_collection_modifyitems(config, items) -> None:
    """Tests under tests/browser/ get the `browser` marker (`-m "not browser"` leaves them out)."""
    for item in items:
        if BROWSER_TESTS_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# ===========================================================================================
# End of browser tests section
# ===========================================================================================
