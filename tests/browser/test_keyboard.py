"""A person using only the keyboard can skip to the content, navigate, filter, subscribe and
report a barrier.

Keys only: Tab moves focus (the helpers fail when an element cannot be reached), typing fills
fields, Space ticks boxes and presses buttons, Enter follows links and submits. The result
states the forms lead to are checked with axe-core too.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from wagtail.models import Site

from contacts.models import DirectoryPage
from newsletter.models import Subscriber
from tests.browser.helpers import draws_an_indicator, focus_style, open_page, tab_until

pytestmark = pytest.mark.browser

MAIN_NAVIGATION = 'nav[aria-label="Hauptnavigation"]'
SUBSCRIBE_PATH = "/newsletter-abo/anmelden/"
FEEDBACK_PATH = "/barriere-melden/"


def focus_is_in_main(page):
    return page.evaluate("() => document.activeElement?.closest('main') != null")


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_skip_link_comes_first_and_moves_focus_to_main(demo_site, page):
    directory = DirectoryPage.objects.live().get()
    paths = ["/", directory.url, "/region-duesseldorf-kreis-mettmann/dr-kai-bueter/", SUBSCRIBE_PATH]

    for path in paths:
        open_page(page, demo_site.url + path)
        page.keyboard.press("Tab")
        skip_link = page.locator(":focus")
        expect(skip_link).to_have_attribute("href", re.compile(r"^#."))
        expect(skip_link).to_have_text(re.compile(r"Inhalt"))
        # Sighted keyboard users must see it once focused, not a 1×1 px visually-hidden box.
        box = skip_link.bounding_box()
        assert box is not None and box["width"] > 10 and box["height"] > 10, f"{path}: skip link box {box}"

        page.keyboard.press("Enter")
        assert focus_is_in_main(page), f"{path}: after Enter on the skip link, focus is not in <main>"
        # The next Tab continues inside the content, not back in the header.
        page.keyboard.press("Tab")
        assert focus_is_in_main(page), f"{path}: the Tab after the skip link left <main>"


def test_main_navigation_is_reachable_with_tab_and_shows_where_focus_is(demo_site, page):
    open_page(page, demo_site.url + "/")
    links = page.locator(f"{MAIN_NAVIGATION} a")
    names = links.all_inner_texts()
    assert len(names) >= 4, names
    unfocused = [focus_style(page, link) for link in links.all()]

    problems = []
    for index, link in enumerate(links.all()):
        tab_until(page, f"{MAIN_NAVIGATION} li:nth-child({index + 1}) a")
        focused = focus_style(page, link)
        matches_focus_visible = link.evaluate("(el) => el.matches(':focus-visible')")
        if not matches_focus_visible:
            problems.append(f"{names[index]}: focused by Tab but not :focus-visible")
        if focused == unfocused[index] or not draws_an_indicator(focused):
            problems.append(f"{names[index]}: no visible focus indicator: {unfocused[index]} → {focused}")

    assert not problems, "\n".join(problems)


def test_directory_filter_works_with_the_keyboard(demo_site, page):
    directory = DirectoryPage.objects.live().get()
    open_page(page, demo_site.url + directory.url)

    # Choose the region by typing its name on the focused select, then press the button with Space.
    tab_until(page, "main select[name=region]")
    page.keyboard.type("Metropole Ruhr")
    expect(page.locator("main select[name=region]")).to_have_value("metropole-ruhr")
    tab_until(page, "main form[role=search] button[type=submit]")
    page.keyboard.press("Space")

    expect(page).to_have_url(re.compile(r"[?&]region=metropole-ruhr(&|$)"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Metropole Ruhr", exact=True)).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("Business Metropole Ruhr")).first).to_be_visible()
    expect(main.get_by_role("heading", name="Düsseldorf", exact=True)).to_have_count(0)

    # A search term nobody matches: typed into the search field and submitted with Enter.
    tab_until(page, "main input[name=q]")
    page.keyboard.type("zeppelin")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]q=zeppelin(&|$)"))
    expect(main.get_by_text("Keine Organisation passt zu dieser Auswahl.")).to_be_visible()
    expect(main.get_by_role("status").first).to_contain_text("0 Organisationen")

    # Back to every partner with the keyboard.
    tab_until(page, f'main form[role=search] a[href="{directory.url}"]')
    expect(page.locator(":focus")).to_have_text("Alle Filter zurücksetzen")
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_site.url + directory.url)
    expect(main.get_by_role("heading", name="Metropole Ruhr", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name="Düsseldorf", exact=True)).to_be_visible()


def test_newsletter_signup_works_with_the_keyboard(demo_site, page, mailoutbox):
    address = "tastatur@example.org"
    open_page(page, demo_site.url + SUBSCRIBE_PATH)

    # Submitting the empty form shows the errors; the error state is accessible too.
    tab_until(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("main input[type=email]")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    # Fill in the form: type the address, Tab to the consent box (the bot trap is skipped), Space.
    page.keyboard.press("Shift+Tab")  # back to the top of the document order, then forwards again
    tab_until(page, "main input[type=email]")
    page.keyboard.type(address)
    page.keyboard.press("Tab")
    consent = page.locator("main input[type=checkbox][name=consent]")
    expect(consent).to_be_focused()
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    passed = tab_until(page, "main button[type=submit]")
    assert not any("website" in element for element in passed), f"the bot trap is focusable: {passed}"
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Bitte bestätigen Sie Ihre Anmeldung")
    assert_no_axe_violations(page)
    subscriber = Subscriber.objects.get(email=address)
    assert subscriber.status == Subscriber.Status.PENDING
    assert [message.to for message in mailoutbox] == [[address]]
    site_name = Site.objects.get(is_default_site=True).site_name
    assert site_name in mailoutbox[0].subject


def test_accessibility_feedback_form_works_with_the_keyboard(demo_site, page):
    """The feedback mechanism (BITV 2.0 § 7) must itself be usable without a mouse."""
    response = page.goto(demo_site.url + FEEDBACK_PATH)
    if response is None or response.status == 404:
        pytest.skip(f"{FEEDBACK_PATH} is not built yet")
    from legal.models import AccessibilityFeedback

    tab_until(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("main textarea")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    tab_until(page, "main textarea")
    page.keyboard.type("Die Karte lässt sich nicht mit der Tastatur bedienen.")
    passed = tab_until(page, "main button[type=submit]")
    assert not any("website" in element for element in passed), f"the bot trap is focusable: {passed}"
    page.keyboard.press("Space")

    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank für Ihre Meldung")
    assert_no_axe_violations(page)
    assert AccessibilityFeedback.objects.filter(message__startswith="Die Karte lässt sich").exists()
