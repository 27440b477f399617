"""What a visitor sees and can do on the home page, a region page and a contact card.

Headless Chromium against pytest-django's live server with the demo content loaded. The expected
texts come from fixtures/demo/ (region "Region Düsseldorf – Kreis Mettmann", contact card
"Dr. Kai Büter"); the pages' URLs are looked up in the database, not hard-coded.
"""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from wagtail.models import Site

from contacts.models import ContactPersonPage
from regions.models import RegionPage

pytestmark = pytest.mark.browser

HOME_TITLE = "regionen.NRW – Portal der Regionalmanagements"
REGION_TITLE = "Region Düsseldorf – Kreis Mettmann"
CONTACT_TITLE = "Dr. Kai Büter"

PAGES = ["home", "region", "contact"]


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


def open_page(page, url):
    """Load url and fail unless the server answered 200."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"


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


def test_skip_link_comes_first_and_moves_focus_to_main(demo_site, page):
    open_page(page, demo_urls(demo_site)["region"])

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", re.compile(r"^#."))
    expect(skip_link).to_have_text(re.compile(r"Inhalt"))
    # Sighted keyboard users must see it once focused, not a 1×1 px visually-hidden box.
    box = skip_link.bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 10, f"skip link box: {box}"

    page.keyboard.press("Enter")
    focused_in_main = page.evaluate(
        "() => document.activeElement !== null && document.activeElement.closest('main') !== null"
    )
    assert focused_in_main, "after Enter on the skip link, focus is not on or inside <main>"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(demo_site, page, name):
    open_page(page, demo_urls(demo_site)[name])

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()


def test_pages_load_nothing_from_other_hosts(demo_site, page):
    """No CDN, web font service, tracker or embed: every request goes to the portal itself,
    and every stylesheet, font and image it asks for is there."""
    origin = urlsplit(demo_site.url)
    foreign, broken = [], []

    def is_foreign(url):
        parts = urlsplit(url)
        return parts.scheme not in {"data", "blob", "about"} and (
            (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc)
        )

    def record(request):
        if is_foreign(request.url):
            foreign.append(request.url)

    def check(response):
        if response.status >= 400:
            broken.append(f"{response.status} {response.url}")

    def failed(request):
        # Requests cancelled by the next navigation (e.g. the favicon) are not broken.
        if request.failure != "net::ERR_ABORTED" and not is_foreign(request.url):
            broken.append(f"{request.failure} {request.url}")

    page.on("request", record)
    page.on("response", check)
    page.on("requestfailed", failed)
    # Recorded above; aborted here, so a foreign request can neither leave the machine nor stall.
    page.route(is_foreign, lambda route: route.abort())

    for name, url in demo_urls(demo_site).items():
        open_page(page, url)
        page.wait_for_load_state("networkidle")
        assert not foreign, f"{name} page ({url}) requested other hosts:\n" + "\n".join(foreign)
        assert not broken, f"{name} page ({url}) has broken requests:\n" + "\n".join(broken)
