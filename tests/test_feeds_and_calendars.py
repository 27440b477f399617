"""RSS/Atom feeds parsed with feedparser, iCalendar files parsed with icalendar."""

import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from icalendar import Calendar

from tests.factories import EventDateFactory, EventPageFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def parse_feed(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("route", "content_type"), [("rss", "application/rss+xml"), ("atom", "application/atom+xml")]
)
def test_portal_news_feed(client, demo_page, route, content_type):
    index = demo_page("aktuelles")
    feed = parse_feed(client, f"{index.url}feed/{route}/", content_type)

    assert feed.feed.title == "Aktuelles – regionen.NRW – Portal der Regionalmanagements"
    assert len(feed.entries) == 6
    newest = feed.entries[0]
    assert newest.title == "Schmiede für Urbane Manufakturen in Remscheid"
    assert newest.link.endswith("/bergisches-staedtedreieck/schmiede-fuer-urbane-manufakturen-in-remscheid/")
    assert newest.published_parsed[:3] == (2022, 4, 6)  # 07.04.2022 00:00 Berlin is 06.04. 22:00 UTC
    assert "vitales Netz von urbanen Produktionen" in newest.summary
    power_plants = next(entry for entry in feed.entries if entry.title == "Kraftwerksflächen neu nutzen")
    assert {tag.term for tag in power_plants.tags} == {"Flächenentwicklung", "Strukturwandel"}


def test_region_feed_holds_only_its_news(client, demo_page):
    region = demo_page("region-duesseldorf-kreis-mettmann")
    feed = parse_feed(client, region.url + "feed/rss/", "application/rss+xml")
    assert feed.feed.title.startswith("Region Düsseldorf – Kreis Mettmann")
    assert {entry.title[:20] for entry in feed.entries} == {"Schmiede für Urbane ", "Werkstatt-Verfahren "}


@pytest.mark.parametrize("path", ["", "aktuelles", "region-duesseldorf-kreis-mettmann"])
def test_feeds_are_announced_for_autodiscovery(client, demo_page, path):
    html = client.get(demo_page(path).url).content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def parse_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_roadshow_ical_has_one_vevent_per_date(client, demo_page):
    roadshow = demo_page("metropole-ruhr/foerderscout-roadshow")
    calendar = parse_calendar(client, roadshow.url + "ical/")

    events = calendar.walk("VEVENT")
    assert [(event.decoded("dtstart"), str(event["location"])) for event in events] == [
        (datetime.date(2019, 11, 19), "Duisburg"),
        (datetime.date(2019, 11, 27), "Hamm"),
        (datetime.date(2019, 12, 4), "Hattingen"),
    ]
    assert all(
        event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(days=1) for event in events
    )
    assert len({str(event["uid"]) for event in events}) == 3
    assert all(str(event["url"]) == roadshow.full_url for event in events)
    assert all(str(event["summary"]) == "Förderscout Roadshow" for event in events)


def test_multi_day_event_ends_after_its_last_day(client, demo_page):
    summit = demo_page("metropole-ruhr/summit-umweltwirtschaft-nrw")
    (event,) = parse_calendar(client, summit.url + "ical/").walk("VEVENT")
    assert event.decoded("dtstart") == datetime.date(2019, 12, 10)
    assert event.decoded("dtend") == datetime.date(2019, 12, 12)
    assert str(event["location"]) == "Messe Essen, Essen"


def test_timed_dates_are_in_berlin_time_with_a_timezone(client, demo_page):
    event = EventPageFactory(parent=demo_page("metropole-ruhr"), title="Abendforum")
    EventDateFactory(
        event=event,
        start_date=datetime.date(2026, 7, 1),
        start_time=datetime.time(18, 30),
        end_time=datetime.time(20, 0),
        venue="Zeche Zollverein",
        locality="Essen",
    )
    calendar = parse_calendar(client, event.url + "ical/")

    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert start == datetime.datetime(2026, 7, 1, 18, 30, tzinfo=BERLIN)
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("dtend") == datetime.datetime(2026, 7, 1, 20, 0, tzinfo=BERLIN)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_cancelled_or_moved_date_keeps_its_uid_and_raises_sequence(client, demo_page):
    roadshow = demo_page("metropole-ruhr/foerderscout-roadshow")
    url = roadshow.url + "ical/"
    before = {str(event["uid"]): event for event in parse_calendar(client, url).walk("VEVENT")}
    dates = list(roadshow.dates.all())
    duisburg, hamm, hattingen = dates

    hamm.status = "cancelled"
    hattingen.start_date = datetime.date(2019, 12, 11)
    roadshow.dates = dates
    roadshow.save_revision().publish()

    after = {str(event["uid"]): event for event in parse_calendar(client, url).walk("VEVENT")}
    assert after.keys() == before.keys()
    hamm_uid = f"{hamm.uid}@127.0.0.1"
    hattingen_uid = f"{hattingen.uid}@127.0.0.1"
    assert str(after[hamm_uid]["status"]) == "CANCELLED"
    assert after[hamm_uid]["sequence"] == before[hamm_uid]["sequence"] + 1
    assert str(after[hattingen_uid]["status"]) == "CONFIRMED"
    assert after[hattingen_uid].decoded("dtstart") == datetime.date(2019, 12, 11)
    assert after[hattingen_uid]["sequence"] == before[hattingen_uid]["sequence"] + 1
    duisburg_uid = f"{duisburg.uid}@127.0.0.1"
    assert after[duisburg_uid]["sequence"] == before[duisburg_uid]["sequence"]


def test_calendar_feeds_for_all_events_and_per_region(client, demo_page):
    everything = parse_calendar(client, demo_page("veranstaltungen").url + "kalender/")
    ruhr = parse_calendar(client, demo_page("metropole-ruhr").url + "kalender/")

    assert len(everything.walk("VEVENT")) == 8  # Ruhr: 4 events with 6 dates; Düsseldorf: 2 workshops
    assert len(ruhr.walk("VEVENT")) == 6
    assert str(ruhr["x-wr-calname"]).startswith("Metropole Ruhr")


def test_calendar_feeds_are_offered_as_webcal(client, demo_page):
    html = client.get(demo_page("veranstaltungen").url).content.decode()
    assert 'href="webcal://127.0.0.1:8000/veranstaltungen/kalender/"' in html
    html = client.get(demo_page("metropole-ruhr").url).content.decode()
    assert 'href="webcal://127.0.0.1:8000/metropole-ruhr/kalender/"' in html


def test_event_json_ld_lists_every_date_as_an_event(client, demo_page):
    import json
    import re

    html = client.get(demo_page("metropole-ruhr/foerderscout-roadshow").url).content.decode()
    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    events = next(block for block in blocks if isinstance(block, list))
    assert [(event["startDate"], event["location"]["address"]["addressLocality"]) for event in events] == [
        ("2019-11-19", "Duisburg"),
        ("2019-11-27", "Hamm"),
        ("2019-12-04", "Hattingen"),
    ]
    assert events[0]["eventStatus"] == "https://schema.org/EventScheduled"


def test_empty_calendar_feed_is_still_a_valid_calendar(client, demo_page):
    calendar = parse_calendar(client, demo_page("bergisches-staedtedreieck").url + "kalender/")
    assert not calendar.walk("VEVENT")
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
