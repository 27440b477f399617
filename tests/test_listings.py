"""Listings: newest first, paginated, tolerant of bad page numbers, and no N+1 queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import ContactPersonPage, OrganisationPage, RegionContactPerson
from news.models import NEWS_PER_PAGE, EventPage, NewsPage
from tests.conftest import visible_text
from tests.factories import (
    ContactPersonPageFactory,
    EventDateFactory,
    EventPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def keep_only_one(model, slug):
    model.objects.exclude(slug=slug).update(live=False)


def add_news(demo_page, count):
    for _ in range(count):
        NewsPageFactory(parent=demo_page("metropole-ruhr"))


def add_organisations(demo_page, count):
    for _ in range(count):
        OrganisationPageFactory(parent=demo_page("partnerverzeichnis"))


def add_people(demo_page, count):
    for _ in range(count):
        ContactPersonPageFactory(parent=demo_page("ansprechpersonen"))


LISTINGS = [
    ("", NewsPage, "kraftwerksflaechen-neu-nutzen", add_news),
    ("aktuelles", NewsPage, "kraftwerksflaechen-neu-nutzen", add_news),
    ("metropole-ruhr", NewsPage, "kraftwerksflaechen-neu-nutzen", add_news),
    ("partnerverzeichnis", OrganisationPage, "business-metropole-ruhr", add_organisations),
    ("ansprechpersonen", ContactPersonPage, "rasmus-c-beck", add_people),
]


@pytest.mark.parametrize(("path", "model", "kept", "add_items"), LISTINGS, ids=lambda value: str(value))
def test_listing_queries_do_not_grow_with_items(client, demo_page, path, model, kept, add_items):
    url = demo_page(path).url
    keep_only_one(model, kept)
    client.get(url)  # warm caches (site root, settings) before counting
    with_one = count_queries(client, url)

    add_items(demo_page, 9)
    with_ten = count_queries(client, url)

    assert with_ten == with_one


def test_event_listings_queries_do_not_grow_with_events(client, demo_page):
    region = demo_page("metropole-ruhr")
    url = demo_page("veranstaltungen").url
    EventDateFactory(event=EventPageFactory(parent=region))
    client.get(url)
    with_one_upcoming = count_queries(client, url)

    for _ in range(9):
        EventDateFactory(event=EventPageFactory(parent=region))
    assert count_queries(client, url) == with_one_upcoming


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


def test_region_page_queries_do_not_grow_with_projects_and_contacts(client, demo_page):
    """Projects and contact cards (person, organisation, photo) come in a fixed number of queries."""
    region = demo_page("metropole-ruhr")
    organisation = demo_page("metropole-ruhr/business-metropole-ruhr")

    def add(count):
        for _ in range(count):
            ProjectPageFactory(parent=region)
            person = ContactPersonPageFactory(parent=region, organisation=organisation)
            RegionContactPerson.objects.create(page=region, person=person)

    add(1)
    client.get(region.url)
    with_one = count_queries(client, region.url)
    add(9)
    assert count_queries(client, region.url) == with_one
    assert visible_text(client.get(region.url)).count("Projektleitung") >= 10
