"""Every URL a visitor reaches passes the page checks in headless Chromium.

The URLs come from /sitemap.xml (when the site has one) and the database, plus the filtered and
empty listings, the embeddable contact card, the newsletter forms, a broken confirmation link
and the 404 page (tests/browser/visits.py). One browser tab loads each URL once and runs every
check on that load:

- axe-core finds no violation (its report is printed for each page that has some);
- exactly one h1;
- every request goes to the live server (foreign requests are recorded, then aborted) and every
  resource the page asks for is there;
- no console error and no uncaught script error;
- reflow (WCAG 1.4.10): at 320 CSS px viewport width nothing scrolls horizontally;
- text zoom (WCAG 1.4.4): with the browser's font size at 200 % (32 px) at 1280 px width nothing
  scrolls horizontally, no text is cut off by its box, and the h1 and every main navigation
  link stay fully visible.

All problems are collected and reported together at the end, grouped by URL.
"""

from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.helpers import fetcher
from tests.browser.visits import collect_visits

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
# Chromium's default font sizes (px) and the same at 200 %.
DEFAULT_FONT_SIZES = {"standard": 16, "fixed": 13}
DOUBLE_FONT_SIZES = {"standard": 32, "fixed": 26}
MAIN_NAVIGATION = 'nav[aria-label="Hauptnavigation"]'
# At most this many offending elements are named per check.
MAX_OFFENDERS = 5

# Elements that stick out to the right of the viewport, innermost first.
OVERFLOWING_ELEMENTS_JS = """
(limit) => {
    const width = document.documentElement.clientWidth;
    const sticksOut = (el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1;
    };
    const found = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (!sticksOut(el) || [...el.children].some(sticksOut)) continue;
        const box = el.getBoundingClientRect();
        const html = el.outerHTML.slice(0, 160).replace(/\\s+/g, " ");
        found.push(`${html} (${Math.round(box.left)}–${Math.round(box.right)} px)`);
        if (found.length >= limit) break;
    }
    return found;
}
"""

# Text whose box cuts it off: overflow hidden/clip and content wider or taller than the box.
# Visually hidden text for screen readers (1×1 px boxes) is cut off on purpose and left out.
CLIPPED_TEXT_JS = """
(limit) => {
    const found = [];
    for (const el of document.body.querySelectorAll("*")) {
        const style = getComputedStyle(el);
        const hides = (value) => value === "hidden" || value === "clip";
        if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
        if (el.clientWidth <= 1 || el.clientHeight <= 1 || !el.innerText?.trim()) continue;
        const wide = hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
        const tall = hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
        if (!wide && !tall) continue;
        const html = el.outerHTML.slice(0, 160).replace(/\\s+/g, " ");
        const content = `${el.scrollWidth}×${el.scrollHeight} px`;
        found.push(`${html} (content ${content} in a ${el.clientWidth}×${el.clientHeight} px box)`);
        if (found.length >= limit) break;
    }
    return found;
}
"""

# Why an element is not fully visible: empty box, hidden, outside the viewport's width, or cut off
# by an ancestor that hides its overflow. Empty string when it is fully visible.
NOT_FULLY_VISIBLE_JS = """
(el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width < 1 || box.height < 1) return `empty box (${box.width}×${box.height} px)`;
    if (style.visibility !== "visible" || style.opacity === "0") {
        return `invisible (${style.visibility}, opacity ${style.opacity})`;
    }
    const width = document.documentElement.clientWidth;
    if (box.left < -1 || box.right > width + 1) {
        return `outside the viewport (${Math.round(box.left)}–${Math.round(box.right)} px of ${width})`;
    }
    for (let parent = el.parentElement; parent; parent = parent.parentElement) {
        const ps = getComputedStyle(parent);
        if (ps.overflowX === "visible" && ps.overflowY === "visible") continue;
        const pb = parent.getBoundingClientRect();
        const inside = box.left >= pb.left - 1 && box.right <= pb.right + 1
            && box.top >= pb.top - 1 && box.bottom <= pb.bottom + 1;
        if (!inside) {
            return `cut off by ${parent.outerHTML.slice(0, 80).replace(/\\s+/g, " ")}`;
        }
    }
    return "";
}
"""


def horizontal_overflow(page):
    """'' when nothing scrolls horizontally, else what sticks out."""
    scroll_width, client_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll_width <= client_width:
        return ""
    offenders = page.evaluate(OVERFLOWING_ELEMENTS_JS, MAX_OFFENDERS)
    return f"scrollWidth {scroll_width} px > {client_width} px:\n      " + "\n      ".join(offenders)


def axe_problems(page, label):
    results = Axe().run(page)
    if results.violations_count == 0:
        return []
    print(f"\n===== axe: {label} =====\n{results.generate_report()}")
    problems = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        html = violation["nodes"][0]["html"][:200] if violation["nodes"] else ""
        problems.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']} — "
            f"{len(targets)}× e.g. {targets[:3]}: {html}"
        )
    return problems


def zoom_problems(page, cdp, framed):
    """Checks with the browser's font size at 200 % (text-only zoom) at desktop width.

    Chromium's font size setting is changed through the DevTools protocol, as a person does in
    the browser's settings (16 → 32 px). Unlike `html { font-size: 200% }` set by a script, this
    also scales em-based media queries, so the layout switches to its narrow form as it would for
    that person.
    """
    body_font_size = "() => parseFloat(getComputedStyle(document.body).fontSize)"
    normal = page.evaluate(body_font_size)
    cdp.send("Page.setFontSizes", {"fontSizes": DOUBLE_FONT_SIZES})
    problems = []
    if (zoomed := page.evaluate(body_font_size)) < 1.9 * normal:
        problems.append(
            f"200 % text: body text does not grow with the browser's font size ({normal} → {zoomed} px)"
        )
    if overflow := horizontal_overflow(page):
        problems.append(f"200 % text: horizontal scrolling, {overflow}")
    if clipped := page.evaluate(CLIPPED_TEXT_JS, MAX_OFFENDERS):
        problems.append("200 % text: text cut off by its box:\n      " + "\n      ".join(clipped))
    to_check = [("h1", page.locator("h1").first)] if page.locator("h1").count() else []
    if framed:
        links = page.locator(f"{MAIN_NAVIGATION} a")
        if links.count() == 0:
            problems.append("200 % text: no main navigation found")
        to_check += [(f"nav link {link.inner_text()!r}", link) for link in links.all()]
    for name, locator in to_check:
        if reason := locator.evaluate(NOT_FULLY_VISIBLE_JS):
            problems.append(f"200 % text: {name} not fully visible: {reason}")
    cdp.send("Page.setFontSizes", {"fontSizes": DEFAULT_FONT_SIZES})
    return problems


def reflow_problems(page):
    page.set_viewport_size(NARROW)
    overflow = horizontal_overflow(page)
    page.set_viewport_size(DESKTOP)
    return [f"320 px: horizontal scrolling, {overflow}"] if overflow else []


def test_every_page_passes_the_visitor_checks(demo_site, page, capsys):
    origin = urlsplit(demo_site.url)
    visits, source = collect_visits(fetcher(demo_site.url))
    log = {"requests": [], "foreign": [], "broken": [], "console": []}

    def is_foreign(url):
        parts = urlsplit(url)
        return parts.scheme not in {"data", "blob", "about"} and (parts.scheme, parts.netloc) != (
            origin.scheme,
            origin.netloc,
        )

    def on_request(request):
        log["requests"].append(request.url)
        if is_foreign(request.url):
            log["foreign"].append(request.url)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            log["broken"].append(f"{response.status} {response.url}")

    def on_failed(request):
        # Foreign requests are aborted on purpose; they are reported as foreign.
        if not is_foreign(request.url) and request.failure != "net::ERR_ABORTED":
            log["broken"].append(f"{request.failure} {request.url}")

    def on_console(message):
        if message.type == "error":
            log["console"].append((message.text, message.location.get("url", "")))

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda error: log["console"].append((f"uncaught: {error}", "")))
    # Recorded above; aborted here, so nothing leaves the machine and no page waits for it.
    page.route(is_foreign, lambda route: route.abort())
    cdp = page.context.new_cdp_session(page)

    failures = defaultdict(list)
    checked, skipped, request_count, foreign_count, axe_count = [], [], 0, 0, 0
    for visit in visits:
        url = demo_site.url + visit.path
        for entries in log.values():
            entries.clear()
        response = page.goto(url)
        status = response.status if response else None
        if visit.optional and status == 404:
            skipped.append(visit.path)
            continue
        checked.append(visit.path)
        problems = failures[visit.path]
        if status != visit.status:
            problems.append(f"answered {status}, expected {visit.status}")
        page.evaluate("() => document.fonts.ready.then(() => true)")

        found = axe_problems(page, visit.path)
        axe_count += len(found)
        problems += found
        if (h1_count := page.locator("h1").count()) != 1:
            problems.append(f"{h1_count} h1 elements, expected exactly one")
        problems += zoom_problems(page, cdp, visit.framed)
        problems += reflow_problems(page)

        # Requests and console messages of the load, of axe and of the zoomed layouts (fonts).
        page.evaluate("() => document.fonts.ready.then(() => true)")
        request_count += len(log["requests"])
        foreign_count += len(log["foreign"])
        problems += [f"request to another host: {url}" for url in dict.fromkeys(log["foreign"])]
        problems += [f"broken request: {entry}" for entry in dict.fromkeys(log["broken"])]
        for text, where in log["console"]:
            # Chromium logs the document's own error status (404 page, broken link) as an error.
            if visit.status >= 400 and where == url and text.startswith("Failed to load resource"):
                continue
            problems.append(f"console error: {text} ({where})")

    failures = {path: problems for path, problems in failures.items() if problems}
    with capsys.disabled():  # the counts belong in every log, also when the test passes
        print(
            f"\nPages from {source}: {len(checked)} checked, "
            f"{len(skipped)} not built yet ({', '.join(skipped) or '-'}); "
            f"{axe_count} axe violations, {request_count} requests, {foreign_count} to other hosts; "
            f"{len(failures)} pages with problems"
        )
    assert len(checked) >= 30, f"only {len(checked)} pages checked: {checked}"
    if failures:
        report = "\n".join(f"{path}\n  - " + "\n  - ".join(found) for path, found in failures.items())
        pytest.fail(f"{len(failures)} of {len(checked)} pages fail:\n{report}", pytrace=False)
