"""Small helpers the browser tests share: open a URL, move focus with Tab, read focus styles, log in."""

from urllib.error import HTTPError
from urllib.request import urlopen

from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

ADMIN_TEST_PASSWORD = "Pruefung-im-Browser-1"
# Enough Tab presses to cross the header, the navigation and a filter form on any demo page.
MAX_TABS = 60
# Computed properties that draw a focus indicator.
FOCUS_STYLE_PROPERTIES = ["outlineStyle", "outlineWidth", "outlineColor", "outlineOffset", "boxShadow"]


def open_page(page, url, status=200):
    """Load url and fail unless the server answered with status."""
    response = page.goto(url)
    assert response is not None and response.status == status, (
        f"{url} answered {response and response.status}"
    )
    return response


def fetcher(base_url):
    """fetch(path) -> (status, body) with a plain HTTP GET on the live server (not the browser,
    so the page's request log stays clean)."""

    def fetch(path):
        try:
            with urlopen(base_url + path, timeout=30) as response:  # noqa: S310 (the live server)
                return response.status, response.read()
        except HTTPError as error:
            return error.code, error.read()

    return fetch


def describe_focus(page):
    """A short description of the focused element, for failure messages."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return "<body>";
            const text = (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 40);
            return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> ${text}`;
        }"""
    )


def focus_matches(page, selector):
    return page.evaluate("(selector) => document.activeElement?.matches(selector) ?? false", selector)


def tab_until(page, selector, max_tabs=MAX_TABS):
    """Press Tab until the focused element matches the CSS selector; fail if it never does.

    Returns the descriptions of the elements passed on the way.
    """
    passed = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if focus_matches(page, selector):
            return passed
        passed.append(describe_focus(page))
    raise AssertionError(
        f"{selector} not reached with {max_tabs} Tab presses; focus went:\n" + "\n".join(passed)
    )


def focus_style(page, locator):
    """The computed focus-indicator properties of the element, in its current state."""
    return locator.evaluate(
        "(el, names) => Object.fromEntries(names.map((name) => [name, getComputedStyle(el)[name]]))",
        FOCUS_STYLE_PROPERTIES,
    )


def draws_an_indicator(style):
    """True when the style draws something: a visible outline or a box shadow."""
    outline = style["outlineStyle"] != "none" and float(style["outlineWidth"].removesuffix("px") or 0) > 0
    return outline or style["boxShadow"] != "none"


def log_in(page, base_url, username):
    """Sign a demo user in to the Wagtail admin through its login form (with a known test password)."""
    user = get_user_model().objects.get(username=username)
    user.set_password(ADMIN_TEST_PASSWORD)
    user.save()
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(ADMIN_TEST_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(base_url + reverse("wagtailadmin_home"))
