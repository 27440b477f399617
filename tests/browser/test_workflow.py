"""A regional editor submits a change, the approving team approves it on the dashboard, citizens see it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from news.models import NewsPage
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def person(browser):
    """Opens a tab in a browser context of its own, one per person (own cookies, own login)."""
    contexts = []

    def open_tab():
        context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def test_change_goes_live_only_after_approval(demo_site, person):
    news = NewsPage.objects.get(slug="kraftwerksflaechen-neu-nutzen")
    public_url = demo_site.url + news.url
    new_title = "Kraftwerksflächen neu nutzen – aktualisiert"

    editor = person()
    log_in(editor, demo_site.url, "redaktion-ruhr")
    editor.goto(demo_site.url + reverse("wagtailadmin_pages:edit", args=[news.pk]))
    editor.locator("#id_title").fill(new_title)
    editor.locator("[data-w-dropdown-target='toggle']").last.click()
    editor.get_by_role("button", name="In Redaktion → Freigabe einreichen").click()
    expect(editor.get_by_text("wurde zur Moderation eingereicht", exact=False)).to_be_visible()

    citizen = person()
    citizen.goto(public_url)
    expect(citizen.locator("h1")).to_have_text("Kraftwerksflächen neu nutzen")

    moderator = person()
    log_in(moderator, demo_site.url, "freigabe")
    awaiting = moderator.locator("section", has_text="Ihre Überprüfung steht aus")
    expect(awaiting.get_by_text(new_title)).to_be_visible()
    awaiting.locator("[data-w-dropdown-target='toggle']").first.click()
    awaiting.get_by_role("button", name=re.compile("^Freigeben$")).click()
    expect(moderator.get_by_text(new_title)).to_have_count(0)  # nothing waits for approval any more

    citizen.goto(public_url)
    expect(citizen.locator("h1")).to_have_text(new_title)
