"""Privacy proofs without a browser: nothing loads from other hosts, no public URL sets a cookie.

1. Templates and CSS: no template of the project (templates/ and the project apps' templates/)
   and no stylesheet under static/ (our CSS and the vendored KERN files) names another host in
   anything the browser would load by itself: script src, stylesheet/font/preload links, images,
   frames, media, CSS @import and url(). Plain links (<a href>), the JSON-LD "@context"
   (https://schema.org), XML namespaces, the canonical/alternate links and the external-embed
   block's plain link load nothing and are allowed.
2. The rendered HTML of every URL a visitor reaches (tests/browser/visits.py) passes the same
   check; hosts that come from data, not from templates, show up only here.
3. No cookie for anonymous visitors on the URLs that are not pages of the tree: listing states,
   the forms (also after sending them), feeds, calendars, vCards, QR codes, the sitemap,
   robots.txt, the API, the 404 page. The pages of the tree are covered by
   tests/test_pages.py::test_public_pages_are_cacheable_for_anonymous_visitors.

The browser sweep (tests/browser/test_every_page.py) proves the same from the other side: it
records every request Chromium makes on each page.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session

from contacts.models import ContactPersonPage, OrganisationPage
from news.models import EventIndexPage, EventPage, NewsIndexPage
from regions.models import RegionPage
from tests.browser.visits import collect_visits, database_paths, form_submissions

BASE_DIR = Path(settings.BASE_DIR)

# Tags whose URL attributes the browser fetches on its own, and those attributes.
LOADING_TAGS = r"script|link|img|image|iframe|frame|source|video|audio|track|embed|object|input|use"
LOADING_ATTRIBUTES = r"src|srcset|href|xlink:href|data|poster"
TAG = re.compile(rf"<\s*(?P<tag>{LOADING_TAGS})\b(?P<attrs>[^>]*)>", re.IGNORECASE | re.DOTALL)
ATTRIBUTE = re.compile(
    rf"""(?<![\w:-])(?P<name>{LOADING_ATTRIBUTES}|rel)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""",
    re.IGNORECASE,
)
# <link rel=…> values that load nothing: the href is a reference for crawlers and feed readers.
NON_LOADING_RELS = {"alternate", "author", "bookmark", "canonical", "help", "license", "me", "next", "prev"}
# An absolute or protocol-relative URL at the start of the value or of a srcset candidate.
EXTERNAL_URL = re.compile(r"(?:^|[\s,])(?:https?:)?//[^\s,\"'{}]", re.IGNORECASE)
CSS_EXTERNAL = re.compile(
    r"""(?:@import\s+(?:url\(\s*)?|url\(\s*)["']?\s*(?P<url>(?:https?:)?//[^\s"')]+)""", re.IGNORECASE
)


def external_loads(markup):
    """(snippet, url) for every resource in markup (HTML or a template) that names another host."""
    found = []
    for match in TAG.finditer(markup):
        tag = match["tag"].lower()
        attrs = {
            attr["name"].lower(): attr["dq"] if attr["dq"] is not None else attr["sq"] or attr["bare"] or ""
            for attr in ATTRIBUTE.finditer(match["attrs"])
        }
        for name, value in attrs.items():
            if name == "rel" or not EXTERNAL_URL.search(value):
                continue
            # <a> is not in LOADING_TAGS; of <link>s only those a browser fetches count.
            if tag == "link" and name == "href" and _link_loads_nothing(attrs.get("rel", "")):
                continue
            # <input> loads only as type=image; <use>/<image> are SVG references.
            if tag == "input" and "image" not in match["attrs"].lower():
                continue
            found.append((" ".join(match[0].split())[:160], value))
    found += [(" ".join(match[0].split())[:160], match["url"]) for match in CSS_EXTERNAL.finditer(markup)]
    return found


def _link_loads_nothing(rel):
    rels = set(rel.lower().split())
    return bool(rels) and "{" not in rel and rels <= NON_LOADING_RELS


def template_files():
    """Every file in the project's template folders (site-wide and the project apps'), not
    the installed packages' (Wagtail's admin is not public)."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(BASE_DIR) and ".venv" not in Path(app.path).parts
    ]
    return sorted(
        {file for folder in folders if folder.is_dir() for file in folder.rglob("*") if file.is_file()}
    )


def stylesheets():
    return sorted((BASE_DIR / "static").rglob("*.css"))


def relative(file):
    return file.relative_to(BASE_DIR)


# -- 1. templates and stylesheets -------------------------------------------------------------


def test_the_scanner_finds_what_loads_and_ignores_what_does_not():
    loads = [
        '<script src="https://cdn.example/lib.js"></script>',
        '<link rel="stylesheet" href="//fonts.example/css?family=Fira">',
        '<link rel="preconnect" href="https://fonts.example">',
        '<img alt="" src="{% static "x.png" %}" srcset="a.png 1x, https://img.example/b.png 2x">',
        '<iframe title="Karte" src="https://maps.example/embed"></iframe>',
        '<video poster="http://media.example/p.jpg"></video>',
        "<style>@import url('https://fonts.example/f.css');</style>",
        '<div style="background: url(//img.example/bg.png)"></div>',
    ]
    harmless = [
        '<a class="kern-link" href="https://www.regionen.nrw/">regionen.NRW</a>',
        '<link rel="canonical" href="https://portal.example/seite/">',
        '<link rel="alternate" type="application/rss+xml" href="https://portal.example/feed/">',
        '<script type="application/ld+json">{"@context": "https://schema.org"}</script>',
        '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>',
        '<img alt="" src="/media/images/a.png">',
        '<div style="background: url(data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E)">',
    ]
    assert [bool(external_loads(markup)) for markup in loads] == [True] * len(loads)
    assert [external_loads(markup) for markup in harmless] == [[]] * len(harmless)


def test_templates_load_nothing_from_other_hosts():
    files = template_files()
    assert any(file.name == "base.html" for file in files), "templates/base.html not found"

    found = [
        f"{relative(file)}: {url} in {snippet}"
        for file in files
        for snippet, url in external_loads(file.read_text(encoding="utf-8", errors="replace"))
    ]

    assert not found, "templates load from other hosts:\n" + "\n".join(found)


def test_stylesheets_import_nothing_from_other_hosts():
    files = stylesheets()
    assert any(file.parts[-3:] == ("static", "css", "portal.css") for file in files)
    assert any("vendor" in file.parts for file in files), "the vendored KERN CSS was not found"

    found = [
        f"{relative(file)}: {match['url']}"
        for file in files
        for match in CSS_EXTERNAL.finditer(file.read_text(encoding="utf-8", errors="replace"))
    ]

    assert not found, "stylesheets load from other hosts:\n" + "\n".join(found)


# -- 2. rendered pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_rendered_pages_load_nothing_from_other_hosts(client):
    found = []
    for visit in visitor_urls(client):
        response = client.get(visit.path)
        if visit.optional and response.status_code == 404:
            continue
        found += [
            f"{visit.path}: {url} in {snippet}" for snippet, url in external_loads(response.content.decode())
        ]

    assert not found, "rendered pages load from other hosts:\n" + "\n".join(found)


# -- 3. cookies -------------------------------------------------------------------------------


def visitor_urls(client):
    def fetch(path):
        response = client.get(path)
        return response.status_code, response.content

    visits, _source = collect_visits(fetch)
    return visits


def machine_readable_urls():
    """Feeds, calendars, vCards, QR codes, short links, the API: fetched by programs, not people."""
    urls = ["/api/v2/pages/", "/sitemap.xml", "/robots.txt"]
    for index in NewsIndexPage.objects.live().public():
        urls += [index.url + index.reverse_subpage("rss"), index.url + index.reverse_subpage("atom")]
    for region in RegionPage.objects.live().public().order_by("path")[:1]:
        urls += [region.url + region.reverse_subpage(name) for name in ("rss", "atom", "calendar")]
    for index in EventIndexPage.objects.live().public():
        urls.append(index.url + index.reverse_subpage("calendar"))
    for event in EventPage.objects.live().public().order_by("path")[:1]:
        urls.append(event.url + event.reverse_subpage("ical"))
    for model in (ContactPersonPage, OrganisationPage):
        for card in model.objects.live().public().order_by("path")[:1]:
            urls += [card.url + card.reverse_subpage(name) for name in ("vcard", "qr_code")]
            urls.append(f"/k/{card.pk}/")
    return urls


@pytest.mark.django_db
def test_no_public_url_sets_a_cookie(client):
    """Anonymous GETs and sent forms leave no cookie and no session behind."""
    pages = set(database_paths())  # tests/test_pages.py checks these
    requests = [("GET", visit.path) for visit in visitor_urls(client) if visit.path not in pages]
    requests += [("GET", url) for url in machine_readable_urls()]
    sessions_before = Session.objects.count()

    with_cookies = []
    for method, url in requests:
        response = client.get(url)
        if response.cookies or response.has_header("Set-Cookie"):
            with_cookies.append(f"{method} {url} ({response.status_code}): {sorted(response.cookies)}")
    for submission in form_submissions():
        client.cookies.clear()
        response = client.post(submission.path, submission.data)
        if submission.optional and response.status_code == 404:
            continue
        if response.cookies or response.has_header("Set-Cookie"):
            with_cookies.append(f"{submission.label} ({response.status_code}): {sorted(response.cookies)}")

    assert len(requests) > 20, requests
    assert not with_cookies, "cookies set for anonymous visitors:\n" + "\n".join(with_cookies)
    assert Session.objects.count() == sessions_before, "an anonymous request started a session"
