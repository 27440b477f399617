"""The read-only partner API: JSON shape, region filter, only published public pages, CORS for GET."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import ContactPersonPageFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = ["regions", "contacts", "organisations", "news", "events"]


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_lists_items_with_meta(client, endpoint):
    data = get_json(client, f"/api/v2/{endpoint}/")
    assert data["meta"]["total_count"] == len(data["items"]) > 0
    for item in data["items"]:
        assert {"id", "meta", "title"} <= set(item)
        assert item["meta"]["html_url"].startswith("http")


def test_contact_shape(client, demo_page):
    person = demo_page("region-duesseldorf-kreis-mettmann/dr-kai-bueter")
    data = get_json(client, f"/api/v2/contacts/{person.pk}/")

    assert data["full_name"] == "Dr. Kai Büter"
    assert data["phone"] == "+492118996712"
    assert data["email"] == "kai.bueter@duesseldorf.de"
    assert data["address_lines"] == ["Auf'm Hennekamp 45", "40225 Düsseldorf"]
    assert data["organisation"]["title"] == "Regionalmanagement Düsseldorf – Kreis Mettmann"
    assert data["short_url"].endswith(f"/k/{person.pk}/")


def test_organisation_shape(client, demo_page):
    organisation = demo_page(
        "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
    )
    data = get_json(client, f"/api/v2/organisations/{organisation.pk}/")

    assert data["kind"] == "regionalmanagement"
    assert data["network_member"] is True
    assert {carrier["title"] for carrier in data["carriers"]} >= {"Kreis Mettmann"}
    assert (
        data["supervisory_body"][0]["value"]["office"] == "Oberbürgermeister der Landeshauptstadt Düsseldorf"
    )
    assert "EFRE" in data["services"]
    assert data["phone"] == "+492118995680"


def test_region_shape_has_key_figures(client, demo_page):
    region = demo_page("region-duesseldorf-kreis-mettmann")
    data = get_json(client, f"/api/v2/regions/{region.pk}/")
    assert [block["value"]["value"] for block in data["key_figures"]][2] == "11,6 Mio."
    assert "Innovationsförderung" in data["fields_of_action"]


def test_event_shape_lists_every_date(client, demo_page):
    roadshow = demo_page("metropole-ruhr/foerderscout-roadshow")
    data = get_json(client, f"/api/v2/events/{roadshow.pk}/")
    assert [(date["start_date"], date["locality"]) for date in data["dates"]] == [
        ("2019-11-19", "Duisburg"),
        ("2019-11-27", "Hamm"),
        ("2019-12-04", "Hattingen"),
    ]


def test_news_filtered_by_region_includes_items_assigned_to_it(client):
    data = get_json(client, "/api/v2/news/", region="region-duesseldorf-kreis-mettmann", fields="date")
    titles = {item["title"] for item in data["items"]}
    assert "Schmiede für Urbane Manufakturen in Remscheid" in titles
    assert not any("Ruhr" in title for title in titles)


def test_region_filter_accepts_ids_and_rejects_unknown_regions(client, demo_page):
    region = demo_page("metropole-ruhr")
    by_id = get_json(client, "/api/v2/contacts/", region=str(region.pk))
    assert [item["title"] for item in by_id["items"]] == ["Rasmus C. Beck"]
    response = client.get("/api/v2/contacts/", {"region": "atlantis"})
    assert response.status_code == 400
    assert "atlantis" in response.json()["message"]


def test_drafts_and_private_pages_never_appear(client, demo_page):
    region = demo_page("metropole-ruhr")
    draft = ContactPersonPageFactory(parent=region, title="Entwurf Person", live=False)
    private = ContactPersonPageFactory(parent=region, title="Geschützte Person")
    PageViewRestriction.objects.create(page=private, restriction_type="groups").groups.add(
        Group.objects.create(name="Intern")
    )

    titles = {item["title"] for item in get_json(client, "/api/v2/contacts/")["items"]}

    assert "Entwurf Person" not in titles
    assert "Geschützte Person" not in titles
    assert client.get(f"/api/v2/contacts/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/contacts/{private.pk}/").status_code == 404


def test_cors_allows_any_origin_to_read(client):
    response = client.get("/api/v2/news/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response


def test_cors_preflight_allows_reading_only(client):
    response = client.options(
        "/api/v2/news/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_api_is_read_only(client):
    assert client.post("/api/v2/news/", {"title": "x"}).status_code == 405


def test_unknown_api_parameters_are_client_errors(client):
    assert client.get("/api/v2/news/", {"bogus": "1"}).status_code == 400
    assert client.get("/api/v2/news/", {"limit": "abc"}).status_code == 400


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("metropole-ruhr", {"Business Metropole Ruhr GmbH"}),
        (
            "region-duesseldorf-kreis-mettmann",
            {
                "Regionalmanagement Düsseldorf – Kreis Mettmann",
                "Landeshauptstadt Düsseldorf",
                "Kreis Mettmann",
                "Industrie- und Handelskammer zu Düsseldorf",
            },
        ),
    ],
)
def test_organisations_filtered_by_region_include_its_own_and_assigned_ones(
    client, demo_page, region, expected
):
    data = get_json(client, "/api/v2/organisations/", region=region, fields="served_region")
    assert {item["title"] for item in data["items"]} == expected
    assert {item["served_region"]["slug"] for item in data["items"]} == {region}
    by_id = get_json(client, "/api/v2/organisations/", region=str(demo_page(region).pk))
    assert by_id["meta"]["total_count"] == len(expected)
