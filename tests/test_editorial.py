"""Editors: scheduled publishing and expiry, preview of every page type, listings of news and events."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from tests.conftest import visible_text
from tests.factories import EventDateFactory, EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def schedule(page, **dates):
    for name, value in dates.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()


def test_news_goes_live_at_its_scheduled_time(client, demo_page):
    now = timezone.now()
    item = NewsPageFactory(parent=demo_page("metropole-ruhr"), title="Geplante Meldung", live=False)
    schedule(item, go_live_at=now + datetime.timedelta(hours=2))

    assert not item.live
    assert client.get("/metropole-ruhr/geplante-meldung/").status_code == 404
    assert "Geplante Meldung" not in visible_text(client.get(demo_page("aktuelles").url))

    with time_machine.travel(now + datetime.timedelta(hours=3)):
        call_command("publish_scheduled", verbosity=0)

    assert client.get("/metropole-ruhr/geplante-meldung/").status_code == 200
    assert "Geplante Meldung" in visible_text(client.get(demo_page("aktuelles").url))


def test_news_disappears_at_its_expiry_time(client, demo_page):
    now = timezone.now()
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    schedule(item, expire_at=now + datetime.timedelta(days=1))
    assert client.get(item.url).status_code == 200

    with time_machine.travel(now + datetime.timedelta(days=2)):
        call_command("publish_scheduled", verbosity=0)

    assert client.get(item.url).status_code == 404
    assert "Kraftwerksflächen neu nutzen" not in visible_text(client.get(demo_page("aktuelles").url))


def test_preview_renders_every_page_type(admin_client):
    seen = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        seen.setdefault(type(page), page)
    assert len(seen) == 16
    for page in seen.values():
        response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200, type(page).__name__
        assert page.title.split(":")[0] in visible_text(response), type(page).__name__


@pytest.mark.parametrize(
    ("url", "facts"),
    [
        (
            "/admin/news_listing/",
            ["Kraftwerksflächen neu nutzen", "01.11.2019", "Metropole Ruhr", "Veröffentlicht"],
        ),
        (
            "/admin/event_listing/",
            [
                "Förderscout Roadshow",
                "19.11.2019, 27.11.2019, 04.12.2019",
                "Metropole Ruhr",
                "Veröffentlicht",
            ],
        ),
    ],
)
def test_admin_listings_show_date_regions_and_status(admin_client, url, facts):
    response = admin_client.get(url)
    assert response.status_code == 200
    text = visible_text(response)
    missing = [fact for fact in facts if fact not in text]
    assert not missing


@pytest.mark.parametrize(
    ("url", "factory"),
    [("/admin/news_listing/", NewsPageFactory), ("/admin/event_listing/", EventPageFactory)],
)
def test_admin_listings_cost_the_same_queries_for_1_or_10_more_items(admin_client, demo_page, url, factory):
    region, other_region = demo_page("metropole-ruhr"), demo_page("bergisches-staedtedreieck")

    def queries_after_adding(count):
        for _ in range(count):
            item = factory(parent=region)
            if hasattr(item, "regions"):
                item.regions.add(other_region)
                item.save()
            else:
                EventDateFactory(event=item)
        admin_client.get(url)  # warm Wagtail's caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        return len(queries)

    assert queries_after_adding(1) == queries_after_adding(9)


def test_worker_publishes_sends_newsletters_reminds_owners_and_checks_links(client, demo_page):
    from django.core import mail

    from linkcheck.models import Link
    from newsletter.models import Subscriber
    from newsletter.sending import queue_issue

    now = timezone.now()
    item = NewsPageFactory(parent=demo_page("metropole-ruhr"), title="Vom Worker veröffentlicht", live=False)
    schedule(item, go_live_at=now + datetime.timedelta(minutes=5))
    Subscriber.objects.create(email="worker@example.org", status="confirmed")
    queue_issue(demo_page("newsletter/business-metropole-ruhr-november-2019"))

    with time_machine.travel(now + datetime.timedelta(minutes=6)):
        call_command("run_worker", once=True)

    assert client.get("/metropole-ruhr/vom-worker-veroffentlicht/").status_code == 200
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients.count("worker@example.org") == 1
    assert "redaktion-ruhr@example.org" in recipients  # overdue demo pages in Metropole Ruhr
    assert Link.objects.filter(url="https://business.ruhr/").get().error  # checked (offline: DNS)


def test_a_failing_job_is_logged_and_the_worker_goes_on(client, demo_page, monkeypatch, caplog):
    from worker.management.commands import run_worker

    def failing_for_daily_jobs(command, **options):
        if command in ("send_review_reminders", "check_links"):
            raise RuntimeError(f"{command} kaputt")
        return call_command(command, **options)

    from django.core import mail

    from newsletter.models import Subscriber
    from newsletter.sending import queue_issue

    monkeypatch.setattr(run_worker, "call_command", failing_for_daily_jobs)
    Subscriber.objects.create(email="trotzdem@example.org", status="confirmed")
    queue_issue(demo_page("newsletter/business-metropole-ruhr-november-2019"))  # sent after the failures
    item = NewsPageFactory(parent=demo_page("metropole-ruhr"), title="Trotzdem veröffentlicht", live=False)
    schedule(item, go_live_at=timezone.now() + datetime.timedelta(minutes=5))

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        call_command("run_worker", once=True)

    assert client.get("/metropole-ruhr/trotzdem-veroffentlicht/").status_code == 200
    assert [message.to for message in mail.outbox] == [["trotzdem@example.org"]]
    failures = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert failures == [
        "Worker-Aufgabe send_review_reminders fehlgeschlagen",
        "Worker-Aufgabe check_links fehlgeschlagen",
    ]
