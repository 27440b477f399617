"""Headless Chromium for the browser tests: one browser per session, a fresh context per test.

Playwright's sync API is used directly (no pytest-playwright) with Debian's /usr/bin/chromium;
`playwright install` cannot download browsers here. Run with `make test-browser`, which sets
DJANGO_ALLOW_ASYNC_UNSAFE=true: Playwright's event loop runs in the test thread, and the tests
query the database from that thread to find the pages they open.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import sync_playwright
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

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


def restore_wagtail_root():
    """Put back the default locale and the page and collection roots that Wagtail's migrations create.

    The flush after each live_server test empties every table, these rows included, and the demo
    loader builds on a migrated database (as `migrate` then `load_demo_content` does in
    production). Django's serialized rollback would restore them, but it cannot be used here:
    once Playwright's event loop runs in the test thread, Django keeps that thread's connections
    in a context-local store, so the connection holding the serialized state is no longer seen.
    """
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def demo_site(live_server):
    """The demo page tree, served by the live server.

    live_server tests run on a transactional database that is flushed after each test, so the
    content is built again for every test. The demo Site's hostname and port differ from the
    live server's, so Wagtail serves it as the default site (is_default_site=True).
    """
    restore_wagtail_root()
    call_command("load_demo_content", verbosity=0)
    return live_server
