"""„Barriere melden“: the public feedback form, the e-mail to the editors and the reports in the admin."""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from core.models import PortalSettings
from legal.models import AccessibilityFeedback
from tests.conftest import parse_tags, visible_text

pytestmark = pytest.mark.django_db

FEEDBACK_URL = "/barriere-melden/"


@pytest.fixture
def portal_settings():
    return PortalSettings.for_site(Site.objects.get(is_default_site=True))


# ---------- Barriere melden ----------


def test_feedback_form_get_sets_no_cookie_and_prefills_the_page(client):
    response = client.get(FEEDBACK_URL, {"seite": "/aktuelles/"})

    assert response.status_code == 200
    assert not response.cookies
    text = visible_text(response)
    assert "csrfmiddlewaretoken" not in text
    assert 'value="/aktuelles/"' in text
    assert 'name="website"' in text  # the spam trap
    assert "Ihre Meldung (Pflichtfeld)" in text


def test_every_page_links_to_the_feedback_form_with_its_address(client, demo_page):
    page = demo_page("metropole-ruhr")
    hrefs = [attrs.get("href", "") for attrs in parse_tags(client.get(page.url)).find("a")]
    assert f"{FEEDBACK_URL}?seite=/metropole-ruhr/" in hrefs


def test_feedback_is_stored_and_the_editors_are_notified(client):
    response = client.post(
        FEEDBACK_URL,
        {
            "message": "Das Video hat keine Untertitel.",
            "page_url": "/gebaerdensprache/",
            "name": "Max Muster",
            "email": "max@example.org",
            "website": "",
        },
    )

    assert response.status_code == 200
    text = visible_text(response)
    assert "Ihre Meldung ist angekommen" in text
    assert "Wir antworten Ihnen an die E-Mail-Adresse" in text
    assert not response.cookies
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.message, feedback.page_url, feedback.name, feedback.email) == (
        "Das Video hat keine Untertitel.",
        "/gebaerdensprache/",
        "Max Muster",
        "max@example.org",
    )
    assert feedback.status == AccessibilityFeedback.Status.NEW
    [message] = mail.outbox
    assert message.to == ["redaktion@regionen.nrw.example"]
    assert message.reply_to == ["max@example.org"]
    assert "/gebaerdensprache/" in message.subject
    assert "Das Video hat keine Untertitel." in message.body
    assert f"/admin/barriere-meldungen/inspect/{feedback.pk}/" in message.body


def test_feedback_without_contact_details_is_enough(client, portal_settings):
    portal_settings.feedback_email = "barrierefreiheit@regionen.nrw.example"
    portal_settings.save()

    response = client.post(FEEDBACK_URL, {"message": "Kontrast zu schwach."})

    assert response.status_code == 200
    assert "keine E-Mail-Adresse angegeben" in visible_text(response)
    assert AccessibilityFeedback.objects.get().email == ""
    assert mail.outbox[0].to == ["barrierefreiheit@regionen.nrw.example"]
    assert mail.outbox[0].reply_to == []


def test_feedback_goes_to_superusers_when_no_address_is_set(client, portal_settings, django_user_model):
    portal_settings.publisher_email = ""
    portal_settings.save()
    django_user_model.objects.create_superuser("chefin", "chefin@example.org", "geheim-123")

    client.post(FEEDBACK_URL, {"message": "Kontrast zu schwach."})

    assert mail.outbox[0].to == ["chefin@example.org"]


def test_a_page_address_with_line_breaks_cannot_break_the_mail_header(client):
    response = client.post(FEEDBACK_URL, {"message": "Test", "page_url": "/a/\nBcc: x@example.org"})

    assert response.status_code == 200
    assert mail.outbox[0].subject == "Barriere gemeldet: /a/ Bcc: x@example.org"
    assert mail.outbox[0].bcc == []


def test_a_failing_mail_server_loses_no_feedback(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise SMTPException("Server nicht erreichbar")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

    response = client.post(FEEDBACK_URL, {"message": "Tabelle ohne Überschriften."})

    assert response.status_code == 200
    assert AccessibilityFeedback.objects.filter(message="Tabelle ohne Überschriften.").exists()


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"message": ""}, "message", "Bitte beschreiben Sie die Barriere"),
        ({"message": "   "}, "message", "Bitte beschreiben Sie die Barriere"),
        ({"message": "Link ohne Text", "email": "kein-e-mail"}, "email", "gültige E-Mail-Adresse"),
        ({"message": "x" * 5001}, "message", "höchstens 5000 Zeichen"),
        ({"message": "Null\x00Byte"}, "message", "Null"),
    ],
)
def test_bad_input_is_refused_with_accessible_messages(client, data, field, error):
    response = client.post(FEEDBACK_URL, data)

    assert response.status_code == 400
    text = visible_text(response)
    assert "Bitte prüfen Sie Ihre Eingaben" in text
    assert error in text
    assert f'href="#id_{field}"' in text  # the error summary links to the field
    fields = {
        attrs.get("id"): attrs
        for attrs in parse_tags(response).find("textarea" if field == "message" else "input")
    }
    assert fields[f"id_{field}"]["aria-invalid"] == "true"
    assert f"id_{field}-fehler" in fields[f"id_{field}"]["aria-describedby"]
    assert "<title>Fehler: Barriere melden" in text
    assert not AccessibilityFeedback.objects.exists()
    assert not mail.outbox


def test_refused_input_stays_in_the_form(client):
    response = client.post(
        FEEDBACK_URL,
        {"message": "Die Karte ist nur mit der Maus bedienbar.", "page_url": "/x/", "email": "falsch"},
    )

    text = visible_text(response)
    assert response.status_code == 400
    assert ">Die Karte ist nur mit der Maus bedienbar.</textarea>" in text
    assert 'value="/x/"' in text and 'value="falsch"' in text


def test_spam_trap_drops_the_message_silently(client):
    response = client.post(FEEDBACK_URL, {"message": "Billige Uhren", "website": "http://spam.example"})

    assert response.status_code == 200
    assert "Ihre Meldung ist angekommen" in visible_text(response)
    assert not AccessibilityFeedback.objects.exists()
    assert not mail.outbox


def test_feedback_form_refuses_other_methods(client):
    assert client.put(FEEDBACK_URL).status_code == 405


def test_editors_see_the_reports_but_cannot_invent_any(admin_client, client):
    client.post(FEEDBACK_URL, {"message": "Überschriften fehlen.", "page_url": "/aktuelles/"})
    feedback = AccessibilityFeedback.objects.get()

    listing = admin_client.get(reverse("accessibility_feedback_admin:index"))
    inspect = admin_client.get(reverse("accessibility_feedback_admin:inspect", args=[feedback.pk]))
    edit = admin_client.get(reverse("accessibility_feedback_admin:edit", args=[feedback.pk]))

    assert listing.status_code == inspect.status_code == edit.status_code == 200
    assert "Überschriften fehlen." in visible_text(listing)
    searched = admin_client.get(reverse("accessibility_feedback_admin:index"), {"q": "Überschriften"})
    assert searched.status_code == 200 and "Überschriften fehlen." in visible_text(searched)
    assert "/aktuelles/" in visible_text(inspect)
    assert admin_client.get(reverse("accessibility_feedback_admin:add")).status_code in (302, 403)


def test_portal_settings_edit_view_opens(admin_client, portal_settings):
    url = reverse("wagtailsettings:edit", args=["core", "portalsettings", portal_settings.site_id])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Anbieter nach § 5 DDG" in visible_text(response)
