"""Newsletter: double opt-in with consent records, one-click unsubscribe, sending once per recipient."""

import datetime
import re
from email import message_from_bytes, policy

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from newsletter.models import ConsentRecord, Delivery, Subscriber
from newsletter.sending import queue_issue
from tests.conftest import visible_text

pytestmark = pytest.mark.django_db

ISSUE = "newsletter/business-metropole-ruhr-november-2019"
SUBSCRIBE_URL = "/newsletter-abo/anmelden/"


def link_in(message):
    return re.search(r"http://127\.0\.0\.1:8000(/newsletter-abo/\S+/)", message.body).group(1)


@pytest.fixture
def subscribed(client, django_capture_on_commit_callbacks):
    """Subscribe and confirm an address through the public pages; returns its Subscriber."""

    def subscribe(email):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(SUBSCRIBE_URL, {"email": email, "consent": "on"})
        client.post(link_in(mail.outbox[-1]))
        return Subscriber.objects.get(email=email)

    return subscribe


def test_subscription_page_asks_for_consent_and_sets_no_cookie(client):
    response = client.get(SUBSCRIBE_URL)
    assert response.status_code == 200
    assert not response.cookies
    text = visible_text(response)
    assert "Ja, ich möchte den Newsletter per E-Mail erhalten." in text
    assert "Datenschutzerklärung" in text
    assert 'name="website"' in text  # the spam trap


def test_double_opt_in_end_to_end(client, django_capture_on_commit_callbacks):
    csrf_client = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_client.post(SUBSCRIBE_URL, {"email": "Leserin@Example.org", "consent": "on"})

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("leserin@example.org", "pending")
    (confirmation,) = mail.outbox
    assert confirmation.to == ["leserin@example.org"]
    assert "Bitte bestätigen Sie das innerhalb von drei Tagen" in confirmation.body
    consent = ConsentRecord.objects.get()
    assert consent.wording_version == "2026-11"
    assert consent.wording.startswith("Ja, ich möchte den Newsletter")
    assert consent.confirmed_at is None

    link = link_in(confirmation)
    assert "Anmeldung bestätigen" in visible_text(client.get(link))
    Subscriber.objects.get().refresh_from_db()
    assert Subscriber.objects.get().status == "pending"  # following the link alone confirms nothing
    assert client.post(link).status_code == 200

    subscriber.refresh_from_db()
    consent.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert consent.confirmed_at is not None and consent.requested_at <= consent.confirmed_at

    reused = client.post(link)
    assert reused.status_code == 410
    assert "bereits verwendet" in visible_text(reused)


def test_subscription_needs_consent_and_a_valid_address(client):
    no_consent = client.post(SUBSCRIBE_URL, {"email": "a@example.org"})
    assert no_consent.status_code == 400
    assert "Ohne Ihre Einwilligung" in visible_text(no_consent)
    bad_address = client.post(SUBSCRIBE_URL, {"email": "keine-adresse", "consent": "on"})
    assert bad_address.status_code == 400
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_spam_trap_silently_drops_the_request(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBSCRIBE_URL, {"email": "bot@example.org", "consent": "on", "website": "x"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_expired_and_tampered_links_get_a_clear_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBSCRIBE_URL, {"email": "spaet@example.org", "consent": "on"})
    link = link_in(mail.outbox[0])

    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        expired = client.post(link)
    assert expired.status_code == 410
    assert "abgelaufen" in visible_text(expired)

    tampered = client.post(link.replace("/bestaetigen/", "/bestaetigen/x"))
    assert tampered.status_code == 400
    assert "ungültig" in visible_text(tampered)
    assert client.get("/newsletter-abo/abmelden/erfunden/").status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_issue_is_sent_once_to_confirmed_subscribers_with_both_parts(demo_page, subscribed):
    issue = demo_page(ISSUE)
    first, second = subscribed("eins@example.org"), subscribed("zwei@example.org")
    Subscriber.objects.create(email="wartet@example.org")
    gone = subscribed("weg@example.org")
    gone.status = "unsubscribed"
    gone.save()
    mail.outbox.clear()

    assert queue_issue(issue) == 2
    call_command("send_newsletter", verbosity=0)

    assert sorted(message.to[0] for message in mail.outbox) == ["eins@example.org", "zwei@example.org"]
    message = next(message for message in mail.outbox if message.to == [first.email])
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Newsletter Business Metropole Ruhr"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<(http://127\.0\.0\.1:8000/newsletter-abo/abmelden/\S+/)>", parsed["List-Unsubscribe"].strip()
    )
    assert unsubscribe, parsed["List-Unsubscribe"]
    parts = {part.get_content_type(): part.get_content() for part in parsed.walk() if not part.is_multipart()}
    text, html = parts["text/plain"], parts["text/html"]
    for part in (text, html):
        assert "http://127.0.0.1:8000/newsletter/business-metropole-ruhr-november-2019/" in part
        assert "74 Projektideen" in part
        assert "Kraftwerksflächen neu nutzen" in part
        assert "Förderscout Roadshow" in part
        assert "Am Thyssenhaus 1-3" in part
        assert unsubscribe.group(1) in part
    assert "Wird diese Nachricht nicht richtig dargestellt" in html
    assert "Weiterlesen… http://127.0.0.1:8000/metropole-ruhr/kraftwerksflaechen-neu-nutzen/" in text
    assert "\n\nWirtschaftliches Wachstum ist" in text  # paragraphs kept, no stray indentation
    assert 'href="/' not in html and 'src="/' not in html
    assert "<table" in html and 'style="' in html
    other = next(message for message in mail.outbox if message.to == [second.email])
    assert other.extra_headers["List-Unsubscribe"] != message.extra_headers["List-Unsubscribe"]

    mail.outbox.clear()
    assert queue_issue(issue) == 0
    call_command("send_newsletter", verbosity=0)
    assert not mail.outbox
    assert issue.delivery_counts() == {"queued": 0, "sending": 0, "sent": 2, "failed": 0}


def test_sending_resumes_after_a_crash_without_sending_twice(demo_page, subscribed):
    issue = demo_page(ISSUE)
    subscribed("a@example.org")
    subscribed("b@example.org")
    mail.outbox.clear()
    queue_issue(issue)
    interrupted = Delivery.objects.order_by("pk").first()
    interrupted.status = "sending"  # the worker died after marking it, maybe after sending
    interrupted.save()

    call_command("send_newsletter", verbosity=0)

    interrupted.refresh_from_db()
    assert interrupted.status == "failed"
    assert [message.to for message in mail.outbox] == [["b@example.org"]]
    assert issue.delivery_counts()["sent"] == 1


def test_refused_recipient_is_recorded_and_others_still_get_it(demo_page, subscribed, settings):
    issue = demo_page(ISSUE)
    subscribed("kaputt@example.org")
    subscribed("gut@example.org")
    mail.outbox.clear()
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingEmailBackend"
    queue_issue(issue)

    call_command("send_newsletter", verbosity=0)

    failed = Delivery.objects.get(status="failed")
    assert failed.subscriber.email == "kaputt@example.org"
    assert "550" in failed.error
    assert [message.to for message in mail.outbox] == [["gut@example.org"]]


def test_one_click_unsubscribe_works_without_csrf(demo_page, subscribed):
    issue = demo_page(ISSUE)
    subscriber = subscribed("leser@example.org")
    queue_issue(issue)
    call_command("send_newsletter", verbosity=0)
    url = re.search(
        r"<http://127\.0\.0\.1:8000(\S+)>", mail.outbox[-1].extra_headers["List-Unsubscribe"]
    ).group(1)

    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert subscriber.consents.get().withdrawn_at is not None
    assert "bereits abgemeldet" in visible_text(Client().get(url))


def test_unsubscribe_form_and_resubscribing(client, subscribed, django_capture_on_commit_callbacks):
    subscriber = subscribed("hin-und-her@example.org")
    response = client.post("/newsletter-abo/abmelden/", {"email": "Hin-und-Her@example.org"})
    assert "Sie sind abgemeldet" in visible_text(response)
    unknown = client.post("/newsletter-abo/abmelden/", {"email": "nie-da@example.org"})
    assert visible_text(unknown) == visible_text(response).replace("", "")  # no hint who is subscribed
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"

    subscribed("hin-und-her@example.org")

    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert subscriber.consents.count() == 2
    assert subscriber.consents.filter(withdrawn_at__isnull=True, confirmed_at__isnull=False).count() == 1


def test_staff_export_inspect_and_erase_subscribers(admin_client, demo_page, subscribed):
    subscriber = subscribed("loeschen@example.org")
    queue_issue(demo_page(ISSUE))

    export = admin_client.get("/admin/newsletter_subscribers/?export=csv")
    assert export.status_code == 200
    assert "loeschen@example.org" in b"".join(export.streaming_content).decode()
    inspect = admin_client.get(f"/admin/newsletter_subscribers/inspect/{subscriber.pk}/")
    assert "Wortlaut Version 2026-11" in visible_text(inspect)
    assert admin_client.get("/admin/newsletter_subscribers/add/").status_code in (302, 403, 404)

    admin_client.post(f"/admin/newsletter_subscribers/delete/{subscriber.pk}/")

    assert not Subscriber.objects.filter(email="loeschen@example.org").exists()
    assert not ConsentRecord.objects.exists()
    assert Delivery.objects.get().subscriber is None


def test_editor_test_sends_and_sends_an_issue_from_the_admin(admin_client, demo_page, subscribed):
    issue = demo_page(ISSUE)
    subscribed("abo@example.org")
    mail.outbox.clear()
    url = f"/admin/newsletter-versand/{issue.pk}/"
    assert "Testversand" in visible_text(admin_client.get(url))

    admin_client.post(url, {"test": "1", "test_email": "redaktion@example.org"})
    assert [message.to for message in mail.outbox] == [["redaktion@example.org"]]
    assert Delivery.objects.count() == 0

    admin_client.post(url, {"send": "1"})
    call_command("send_newsletter", verbosity=0)
    assert [message.to for message in mail.outbox][1:] == [["abo@example.org"]]
    page = visible_text(admin_client.get(url))
    assert re.search(r"<td>0</td><td>0</td><td>1</td><td>0</td>", page)


def test_archive_lists_issues_and_the_web_version_is_a_public_page(client, demo_page):
    archive = client.get(demo_page("newsletter").url)
    assert "Newsletter Business Metropole Ruhr" in visible_text(archive)
    web = client.get(demo_page(ISSUE).url)
    assert web.status_code == 200
    assert not web.cookies
