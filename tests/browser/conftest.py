"""Headless Chromium for the browser tests: one browser per session, a fresh context per test.

Playwright's sync API is used directly (no pytest-playwright) with Debian's /usr/bin/chromium;
`playwright install` cannot download browsers here. Run with `make test-browser`, which sets
DJANGO_ALLOW_ASYNC_UNSAFE=true: Playwright's event loop runs in the test thread, and the tests
query the database from that thread to find the pages they open.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's auto-waiting gives up after this long (ms); the live server answers in well under 1 s.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole test session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab with no cookies or cache, as a first-time German-speaking visitor."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback):
    """The demo page tree, served by the live server.

    live_server tests run on a transactional database that is flushed after each test, which
    also removes what the migrations created (Wagtail's root page, default site and locale).
    Serialized rollback restores that migrated state before each test, and the demo content is
    built on it again. The demo Site's hostname and port differ from the live server's, so
    Wagtail serves it as the default site (is_default_site=True).
    """
    call_command("load_demo_content", verbosity=0)
    return live_server
