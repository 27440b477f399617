"""Query budget: every public page, feed, calendar and card takes at most 12 database queries.

Counted on the second request in a warm process (site root paths and content types cached), with
the page cache off (test settings), so the count is what rendering costs. On failure the message
lists the queries, so whoever made a page grow sees which lookup is new.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.models import EventPage
from tests.factories import EventDateFactory, EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

BUDGET = 12

# Every public page type of the demo content; each of its live pages is counted.
PAGE_TYPES = [
    "regions.HomePage",
    "regions.RegionPage",
    "news.NewsIndexPage",
    "news.NewsPage",
    "news.EventIndexPage",
    "news.EventPage",
    "contacts.DirectoryPage",
    "contacts.OrganisationPage",
    "contacts.ContactIndexPage",
    "contacts.ContactPersonPage",
    "projects.ProjectPage",
    "newsletter.NewsletterIndexPage",
    "newsletter.NewsletterIssuePage",
    "core.ContentPage",
    "legal.ImprintPage",
    "legal.AccessibilityStatementPage",
]

# Routes below pages and views that are not pages, by a demo page path ("" is the home page).
ROUTES = {
    "news by field of action": ("aktuelles", "thema/digitalisierung/"),
    "news RSS": ("aktuelles", "feed/rss/"),
    "news Atom": ("aktuelles", "feed/atom/"),
    "region RSS": ("metropole-ruhr", "feed/rss/"),
    "region Atom": ("metropole-ruhr", "feed/atom/"),
    "region calendar": ("metropole-ruhr", "kalender/"),
    "event calendar": ("veranstaltungen", "kalender/"),
    "event iCal": ("metropole-ruhr/foerderscout-roadshow", "ical/"),
    "person vCard": ("metropole-ruhr/rasmus-c-beck", "vcard/"),
    "person card": ("metropole-ruhr/rasmus-c-beck", "karte/"),
    "person QR code": ("metropole-ruhr/rasmus-c-beck", "qr-code/"),
    "organisation vCard": ("metropole-ruhr/business-metropole-ruhr", "vcard/"),
    "organisation card": ("metropole-ruhr/business-metropole-ruhr", "karte/"),
    "organisation QR code": ("metropole-ruhr/business-metropole-ruhr", "qr-code/"),
    "organisation from a directory selection": (
        "partnerverzeichnis/ihk-duesseldorf",
        "?auswahl=region%3Dregion-duesseldorf-kreis-mettmann",
    ),
}
VIEWS = {
    "search": "/suche/?q=Ruhr",
    "search form": "/suche/",
    "sitemap": "/sitemap.xml",
    "robots.txt": "/robots.txt",
}


def warm_queries(client, url):
    """The response to the second GET of `url` and the queries it took."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, queries.captured_queries


def short_sql(sql):
    """The SQL without its long list of selected columns, which says little about where it comes from."""
    return re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, count=1)


def assert_within_budget(client, url):
    __tracebackhide__ = True
    _, queries = warm_queries(client, url)
    listing = "\n".join(
        f"  {number}. {short_sql(query['sql'])}" for number, query in enumerate(queries, start=1)
    )
    assert len(queries) <= BUDGET, f"{url} takes {len(queries)} queries (at most {BUDGET}):\n{listing}"


def live_pages_of(label):
    pages = Page.objects.live().filter(depth__gt=1).order_by("path")
    return [page for page in pages if page.specific_class._meta.label == label]


@pytest.mark.parametrize("label", PAGE_TYPES)
def test_every_page_of_a_type_stays_within_the_budget(client, label):
    pages = live_pages_of(label)
    assert pages, f"no live {label} in the demo content"
    for page in pages:
        assert_within_budget(client, page.url)


@pytest.mark.parametrize(("page_path", "route"), ROUTES.values(), ids=ROUTES.keys())
def test_every_route_below_a_page_stays_within_the_budget(client, demo_page, page_path, route):
    assert_within_budget(client, demo_page(page_path).url + route)


@pytest.mark.parametrize("url", VIEWS.values(), ids=VIEWS.keys())
def test_search_sitemap_and_robots_stay_within_the_budget(client, url):
    assert_within_budget(client, url)


def test_the_budget_names_every_page_type_of_the_demo_content():
    labels = {page.specific_class._meta.label for page in Page.objects.live().filter(depth__gt=1)}
    named = {getattr(label, "values", [label])[0] for label in PAGE_TYPES}
    assert labels <= named, f"page types without a query budget: {labels - named}"


def query_count(client, url):
    return len(warm_queries(client, url)[1])


def add_events(region, count):
    for _ in range(count):
        EventDateFactory(event=EventPageFactory(parent=region))


@pytest.mark.parametrize("path", ["metropole-ruhr/kalender/", "veranstaltungen/kalender/"])
def test_calendars_take_as_many_queries_for_one_event_as_for_ten(client, demo_page, path):
    """Each event's UID names its site's host: looked up once per calendar, not once per event."""
    region = demo_page("metropole-ruhr")
    EventPage.objects.update(live=False)
    add_events(region, 1)
    url = "/" + path
    with_one = query_count(client, url)
    add_events(region, 9)
    assert query_count(client, url) == with_one


@pytest.mark.parametrize("url", ["/aktuelles/feed/rss/", "/metropole-ruhr/feed/atom/", "/sitemap.xml"])
def test_feeds_and_sitemap_take_as_many_queries_for_one_item_as_for_ten(client, demo_page, url):
    region = demo_page("metropole-ruhr")
    NewsPageFactory(parent=region)
    with_one = query_count(client, url)
    for _ in range(9):
        NewsPageFactory(parent=region)
    assert query_count(client, url) == with_one
