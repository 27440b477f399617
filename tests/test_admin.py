"""Editors can open, edit and publish every page type in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.conftest import visible_text

pytestmark = pytest.mark.django_db


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        pages.setdefault(type(page), page)
    return list(pages.values())


def test_every_page_types_edit_view_opens(admin_client):
    pages = one_page_of_each_type()
    assert len(pages) == 16
    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, type(page).__name__


@pytest.mark.parametrize(
    ("app_model", "parent_path"),
    [
        ("news.newspage", "metropole-ruhr"),
        ("news.eventpage", "metropole-ruhr"),
        ("projects.projectpage", "metropole-ruhr"),
        ("contacts.contactpersonpage", "metropole-ruhr"),
        ("contacts.organisationpage", "partnerverzeichnis"),
        ("regions.regionpage", ""),
        ("core.contentpage", ""),
    ],
)
def test_add_views_open_where_the_page_type_belongs(admin_client, demo_page, app_model, parent_path):
    app_label, model_name = app_model.split(".")
    parent = demo_page(parent_path)
    url = reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])
    assert admin_client.get(url).status_code == 200


def test_editor_publishes_a_change_and_citizens_see_it(admin_client, client, demo_page):
    page = demo_page("impressum")
    data = nested_form_data(
        {
            "title": "Impressum",
            "slug": "impressum",
            "intro": "Neu geprüft von der Redaktion.",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 302
    assert "Neu geprüft von der Redaktion." in visible_text(client.get(page.url))
    assert page.revisions.count() == 2


def test_validation_errors_are_shown_not_raised(admin_client, demo_page):
    page = demo_page("region-duesseldorf-kreis-mettmann/dr-kai-bueter")
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "given_name": "Kai",
            "family_name": "Büter",
            "phone": "keine Nummer",
            "email": "kein-e-mail",
            "contact_links-TOTAL_FORMS": 0,
            "action-publish": "publish",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200
    text = visible_text(response)
    assert "Telefon" in text and "E-Mail" in text
    page.refresh_from_db()
    assert page.email == "kai.bueter@duesseldorf.de"


def test_preview_renders_for_a_news_page(admin_client, demo_page):
    page = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert "Kraftwerksflächen neu nutzen" in visible_text(response)
