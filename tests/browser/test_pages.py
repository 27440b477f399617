"""What a visitor sees and can do on the home page, a region page and a contact card.

Headless Chromium against pytest-django's live server with the demo content loaded. The expected
texts come from fixtures/demo/ (region "Region Düsseldorf – Kreis Mettmann", contact card
"Dr. Kai Büter"); the pages' URLs are looked up in the database, not hard-coded.

axe-core, foreign requests, reflow and zoom on every page: test_every_page.py; keyboard use
(skip link, navigation, forms): test_keyboard.py.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from contacts.models import ContactPersonPage
from regions.models import RegionPage
from tests.browser.helpers import open_page

pytestmark = pytest.mark.browser

HOME_TITLE = "regionen.NRW – Portal der Regionalmanagements"
REGION_TITLE = "Region Düsseldorf – Kreis Mettmann"
CONTACT_TITLE = "Dr. Kai Büter"


def page_path(wagtail_page):
    """The page's path on its site, e.g. "/region-duesseldorf-kreis-mettmann/"."""
    _site_id, _root_url, path = wagtail_page.get_url_parts()
    return path


def demo_urls(live_server):
    """Absolute live-server URLs of the three pages under test, found in the database."""
    home = Site.objects.get(is_default_site=True).root_page
    region = RegionPage.objects.live().get(title=REGION_TITLE)
    contact = ContactPersonPage.objects.live().get(title=CONTACT_TITLE)
    return {
        name: live_server.url + page_path(wagtail_page)
        for name, wagtail_page in (("home", home), ("region", region), ("contact", contact))
    }


def test_home_page_introduces_the_portal_and_leads_to_the_regions(demo_site, page):
    open_page(page, demo_urls(demo_site)["home"])

    expect(page).to_have_title(re.compile(r"regionen\.NRW"))
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_TITLE)
    # A visitor reaches a region from the home page by following its teaser (no JavaScript needed).
    page.get_by_role("main").get_by_role("link", name=re.compile(re.escape(REGION_TITLE))).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(REGION_TITLE)
    assert urlsplit(page.url).netloc == urlsplit(demo_site.url).netloc, page.url


def test_region_page_shows_its_key_figures(demo_site, page):
    open_page(page, demo_urls(demo_site)["region"])

    expect(page.get_by_role("heading", level=1)).to_have_text(REGION_TITLE)
    main = page.get_by_role("main")
    expect(main.get_by_text("11,6 Mio.", exact=True)).to_be_visible()
    expect(main.get_by_text("Einwohner leben im Radius von einer Autostunde")).to_be_visible()
    expect(main.get_by_text("ca. 500.000", exact=True)).to_be_visible()


def test_contact_card_shows_how_to_reach_the_person(demo_site, page):
    open_page(page, demo_urls(demo_site)["contact"])

    expect(page.get_by_role("heading", level=1)).to_have_text(CONTACT_TITLE)
    main = page.get_by_role("main")
    phone = main.get_by_role("link", name="0211 8996712")
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("href", "tel:+492118996712")
    email = main.get_by_role("link", name="kai.bueter@duesseldorf.de")
    expect(email).to_be_visible()
    expect(email).to_have_attribute("href", "mailto:kai.bueter@duesseldorf.de")
