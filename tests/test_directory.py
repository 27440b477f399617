"""The regionen.NRW partner directory: filters without JavaScript and the way back to the selection."""

import pytest

from tests.conftest import visible_text

pytestmark = pytest.mark.django_db

ALL_ORGANISATIONS = 8


def titles(response):
    return sorted(
        organisation.title for _label, group in response.context["groups"] for organisation in group
    )


def test_directory_groups_entries_by_region(client, demo_page):
    response = client.get(demo_page("partnerverzeichnis").url)

    groups = dict(response.context["groups"])
    assert "Regionalmanagement Düsseldorf – Kreis Mettmann" in [page.title for page in groups["Düsseldorf"]]
    assert "Business Metropole Ruhr GmbH" in [page.title for page in groups["Metropole Ruhr"]]
    assert response.context["result_count"] == ALL_ORGANISATIONS
    assert f"{ALL_ORGANISATIONS} Organisationen" in visible_text(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "metropole-ruhr"}, ["Business Metropole Ruhr GmbH"]),
        ({"kind": "chamber"}, ["Industrie- und Handelskammer zu Düsseldorf"]),
        ({"field": "fordermittelberatung"}, ["Regionalmanagement Düsseldorf – Kreis Mettmann"]),
        ({"q": "thyssenhaus"}, ["Business Metropole Ruhr GmbH"]),
        ({"q": "EFRE"}, ["Regionalmanagement Düsseldorf – Kreis Mettmann"]),
        (
            {"region": "region-duesseldorf-kreis-mettmann", "kind": "district"},
            ["Kreis Mettmann"],
        ),
    ],
)
def test_filters_narrow_the_list_and_stay_in_the_url(client, demo_page, query, expected):
    response = client.get(demo_page("partnerverzeichnis").url, query)

    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["result_count"] == len(expected)
    for value in query.values():
        assert f'value="{value}"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"region": "atlantis"}, {"kind": "<script>"}, {"field": "x" * 500}, {"q": "a" * 5000}, {"seite": "-1"}],
)
def test_unknown_filter_values_never_fail(client, demo_page, query):
    response = client.get(demo_page("partnerverzeichnis").url, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_unknown_filter_values_show_everything_with_a_notice(client, demo_page):
    response = client.get(demo_page("partnerverzeichnis").url, {"region": "atlantis"})
    assert response.context["result_count"] == ALL_ORGANISATIONS
    assert "nicht erkannt" in visible_text(response)


def test_empty_result_says_so_and_offers_a_way_out(client, demo_page):
    directory = demo_page("partnerverzeichnis")
    response = client.get(directory.url, {"q": "Zeppelin"})

    assert response.context["result_count"] == 0
    text = visible_text(response)
    assert "Keine Organisation" in text
    assert f'href="{directory.url}"' in text


def test_entries_lead_back_to_the_same_selection(client, demo_page):
    directory = demo_page("partnerverzeichnis")
    listing = client.get(directory.url, {"region": "metropole-ruhr"})
    entry_url = demo_page("metropole-ruhr/business-metropole-ruhr").url
    link = f'href="{entry_url}?auswahl=region%3Dmetropole-ruhr"'
    assert link in listing.content.decode()

    entry = client.get(entry_url, {"auswahl": "region=metropole-ruhr"})

    assert entry.context["back_url"] == f"{directory.url}?region=metropole-ruhr"
    assert "Zurück zur Auswahl" in visible_text(entry)


@pytest.mark.parametrize("selection", ["https://evil.example/", "region=atlantis", "next=//evil.example"])
def test_back_link_only_carries_known_filters(client, demo_page, selection):
    directory = demo_page("partnerverzeichnis")
    entry = client.get(demo_page("metropole-ruhr/business-metropole-ruhr").url, {"auswahl": selection})
    assert entry.context["back_url"] == directory.url


def test_region_and_its_organisation_link_to_each_other(client, demo_page):
    region = demo_page("region-duesseldorf-kreis-mettmann")
    organisation = demo_page(
        "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
    )
    assert f'href="{organisation.url}"' in client.get(region.url).content.decode()
    assert f'href="{region.url}"' in client.get(organisation.url).content.decode()
