"""Listings: newest first, paginated, tolerant of bad page numbers, and no N+1 queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import (
    ContactPersonPage,
    OrganisationContactPerson,
    OrganisationPage,
    RegionContactPerson,
)
from news.models import NEWS_PER_PAGE, EventPage, NewsPage
from newsletter.models import NewsletterEventItem, NewsletterNewsItem
from projects.models import ProjectPage
from regions.models import RegionPage
from tests.conftest import visible_text
from tests.factories import (
    ContactPersonPageFactory,
    EventDateFactory,
    EventPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    ProjectPageFactory,
    RegionPageFactory,
    pages_of_every_kind,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    """Queries of one GET of `url`, once what the page shows exists.

    A first request makes the renditions of new images. The cache is then emptied, since Wagtail's
    rendition cache would hide an image whose renditions a listing forgot to prefetch.
    """
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def hide(*models):
    """Unpublish the demo pages of these types, so a listing shows only what the test adds."""
    for model in models:
        model.objects.update(live=False)


def upcoming():
    return datetime.date.today() + datetime.timedelta(days=10)


def past():
    return datetime.date(2020, 5, 4)


def add_events(parent, start_date, **fields):
    event = EventPageFactory(parent=parent, **{"with_image": True, **fields})
    EventDateFactory(event=event, start_date=start_date)
    return event


def add_person(parent, organisation):
    return ContactPersonPageFactory(parent=parent, organisation=organisation, with_photo=True)


PROJECT = "region-duesseldorf-kreis-mettmann/impuls-region-landeshauptstadtregion"
ISSUE = "newsletter/business-metropole-ruhr-november-2019"
RELATED_NEWS_ITEM = "metropole-ruhr/kraftwerksflaechen-neu-nutzen"


class Listing:
    """A listing on a page: how to empty it of demo items and how to add one item with its image."""

    def __init__(self, path, empty, add, query=""):
        self.path, self.empty, self.add, self.query = path, empty, add, query


def empty_region_contacts(demo_page):
    RegionContactPerson.objects.filter(page=demo_page("metropole-ruhr")).delete()


def empty_organisation_people(demo_page):
    OrganisationContactPerson.objects.filter(
        page=demo_page("metropole-ruhr/business-metropole-ruhr")
    ).delete()


def empty_issue(demo_page):
    issue = demo_page(ISSUE)
    NewsletterNewsItem.objects.filter(issue=issue).delete()
    NewsletterEventItem.objects.filter(issue=issue).delete()


def add_to_issue(demo_page):
    issue, region = demo_page(ISSUE), demo_page("metropole-ruhr")
    NewsletterNewsItem.objects.create(issue=issue, page=NewsPageFactory(parent=region, with_image=True))
    NewsletterEventItem.objects.create(issue=issue, page=add_events(region, upcoming()))


def add_search_results(demo_page):
    """One page of each kind that turns up for "Bildprobe", each with a teaser image."""
    pages_of_every_kind(
        demo_page(""),
        demo_page("metropole-ruhr"),
        demo_page("partnerverzeichnis"),
        demo_page("ansprechpersonen"),
        intro="Bildprobe für die Suche.",
    )


# Every listing of pages with images or photos: (name, listing).
LISTINGS = {
    "home: news": Listing(
        "",
        lambda dp: hide(NewsPage),
        lambda dp: NewsPageFactory(parent=dp("metropole-ruhr"), with_image=True),
    ),
    "home: events": Listing(
        "", lambda dp: hide(EventPage), lambda dp: add_events(dp("metropole-ruhr"), upcoming())
    ),
    "home: regions": Listing(
        "", lambda dp: hide(RegionPage), lambda dp: RegionPageFactory(parent=dp(""), with_image=True)
    ),
    "Aktuelles": Listing(
        "aktuelles",
        lambda dp: hide(NewsPage),
        lambda dp: NewsPageFactory(parent=dp("metropole-ruhr"), with_image=True),
    ),
    "region: news": Listing(
        "metropole-ruhr",
        lambda dp: hide(NewsPage),
        lambda dp: NewsPageFactory(parent=dp("metropole-ruhr"), with_image=True),
    ),
    "region: events": Listing(
        "metropole-ruhr", lambda dp: hide(EventPage), lambda dp: add_events(dp("metropole-ruhr"), upcoming())
    ),
    "region: projects": Listing(
        "metropole-ruhr",
        lambda dp: hide(ProjectPage),
        lambda dp: ProjectPageFactory(parent=dp("metropole-ruhr"), with_image=True),
    ),
    "region: contact cards": Listing(
        "metropole-ruhr",
        empty_region_contacts,
        lambda dp: RegionContactPerson.objects.create(
            page=dp("metropole-ruhr"),
            person=add_person(dp("metropole-ruhr"), dp("metropole-ruhr/business-metropole-ruhr")),
        ),
    ),
    "project: news": Listing(
        PROJECT,
        lambda dp: hide(NewsPage),
        lambda dp: NewsPageFactory(parent=dp("metropole-ruhr"), project=dp(PROJECT), with_image=True),
    ),
    "project: events": Listing(
        PROJECT,
        lambda dp: hide(EventPage),
        lambda dp: add_events(dp("metropole-ruhr"), upcoming(), project=dp(PROJECT)),
    ),
    "news item: related news": Listing(
        RELATED_NEWS_ITEM,
        lambda dp: NewsPage.objects.exclude(pk=dp(RELATED_NEWS_ITEM).pk).update(live=False),
        lambda dp: NewsPageFactory(parent=dp("metropole-ruhr"), with_image=True),
    ),
    "Veranstaltungen: upcoming": Listing(
        "veranstaltungen", lambda dp: hide(EventPage), lambda dp: add_events(dp("metropole-ruhr"), upcoming())
    ),
    "Veranstaltungen: past": Listing(
        "veranstaltungen", lambda dp: hide(EventPage), lambda dp: add_events(dp("metropole-ruhr"), past())
    ),
    "Ansprechpersonen": Listing(
        "ansprechpersonen",
        lambda dp: hide(ContactPersonPage),
        lambda dp: add_person(dp("ansprechpersonen"), dp("metropole-ruhr/business-metropole-ruhr")),
    ),
    "organisation: contact cards": Listing(
        "metropole-ruhr/business-metropole-ruhr",
        empty_organisation_people,
        lambda dp: OrganisationContactPerson.objects.create(
            page=dp("metropole-ruhr/business-metropole-ruhr"),
            person=add_person(dp("ansprechpersonen"), dp("partnerverzeichnis/ihk-duesseldorf")),
        ),
    ),
    "Partnerverzeichnis": Listing(
        "partnerverzeichnis",
        lambda dp: hide(OrganisationPage),
        lambda dp: OrganisationPageFactory(parent=dp("partnerverzeichnis"), with_image=True),
    ),
    "newsletter issue": Listing(ISSUE, empty_issue, add_to_issue),
    "search results": Listing("", lambda dp: None, add_search_results, query="/suche/?q=Bildprobe"),
}


@pytest.mark.parametrize("name", LISTINGS)
def test_listing_queries_do_not_grow_with_items(client, demo_page, monkeypatch, name):
    """1 item or 10, each with its image (or photo and organisation): the same number of queries."""
    # All search results on one page: the queries follow the page types shown, not the results.
    monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 100)
    listing = LISTINGS[name]
    listing.empty(demo_page)
    listing.add(demo_page)
    url = listing.query or demo_page(listing.path).url
    with_one, response = count_queries(client, url)
    shown = response.content.decode().count("<picture>")

    for _ in range(9):
        listing.add(demo_page)
    with_ten, response = count_queries(client, url)

    assert response.content.decode().count("<picture>") > shown, "the listing must show the added items"
    assert with_ten == with_one, f"{name}: {with_one} queries with 1 item, {with_ten} with 10"


def test_news_index_is_newest_first_and_paginated(client, demo_page):
    region = demo_page("metropole-ruhr")
    for _ in range(NEWS_PER_PAGE + 2):
        NewsPageFactory(parent=region)
    index = demo_page("aktuelles")

    first = client.get(index.url)
    items = list(first.context["news_page"])
    assert len(items) == NEWS_PER_PAGE
    assert [item.date for item in items] == sorted((item.date for item in items), reverse=True)
    last = client.get(index.url, {"seite": 2})
    assert "Schmiede für Urbane Manufakturen in Remscheid" in visible_text(last)
    assert 'aria-label="Seitennavigation"' in first.content.decode()


@pytest.mark.parametrize("bad_page", ["0", "-1", "abc", "999999", "1.5", "%00"])
def test_bad_page_numbers_fall_back_to_a_real_page(client, demo_page, bad_page):
    response = client.get(demo_page("aktuelles").url, {"seite": bad_page})
    assert response.status_code == 200
    assert len(response.context["news_page"].object_list) > 0


def test_upcoming_events_come_first_soonest_first(demo_page):
    region = demo_page("metropole-ruhr")
    soon = EventPageFactory(parent=region, title="Bald")
    later = EventPageFactory(parent=region, title="Später")
    today = datetime.date.today()
    EventDateFactory(event=later, start_date=today + datetime.timedelta(days=30))
    EventDateFactory(event=soon, start_date=today + datetime.timedelta(days=3))

    events = EventPage.objects.upcoming_first(limit=4)

    assert [event.title for event in events[:2]] == ["Bald", "Später"]
    assert events[2].title == "Impuls-Werkstätten der landeshauptSTADTREGION"  # most recent past event


def test_multi_day_event_is_upcoming_while_it_runs(demo_page):
    region = demo_page("metropole-ruhr")
    event = EventPageFactory(parent=region, title="Läuft gerade")
    today = datetime.date.today()
    EventDateFactory(
        event=event,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )

    assert event in EventPage.objects.live().upcoming()


def test_region_page_shows_news_tagged_with_it_from_other_regions(client, demo_page):
    response = client.get(demo_page("region-duesseldorf-kreis-mettmann").url)
    assert "Schmiede für Urbane Manufakturen in Remscheid" in visible_text(response)
    response = client.get(demo_page("bergisches-staedtedreieck").url)
    assert "Werkstatt-Verfahren" not in visible_text(response)
