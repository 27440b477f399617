"""News: filters in the URL, tag pages, the shared "mehr lesen" teaser, several regions, related items."""

import re

import pytest

from tests.conftest import parse_tags, visible_text
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

DUESSELDORF = "region-duesseldorf-kreis-mettmann"


def teaser_titles(response):
    return [item.title for item in response.context["news_page"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "bergisches-staedtedreieck"}, {"Schmiede für Urbane Manufakturen in Remscheid"}),
        (
            {"region": DUESSELDORF},
            {
                "Schmiede für Urbane Manufakturen in Remscheid",
                "Werkstatt-Verfahren im REGIONALE-Sondierungsprozess der landeshauptSTADTREGION: Erste "
                "Impuls-Werkstätten für eine wegweisende Neuausrichtung der Region Düsseldorf-Kreis "
                "Mettmann-Rhein-Kreis Neuss",
            },
        ),
        ({"thema": "regionale"}, {"Werkstatt-Verfahren"}),
        ({"jahr": "2022"}, {"Schmiede", "Werkstatt-Verfahren"}),
        ({"jahr": "2019", "thema": "it-sicherheit"}, {"Ruhr-Israel Cyber Activator gestartet"}),
    ],
)
def test_news_filters_narrow_the_list(client, demo_page, query, expected):
    titles = teaser_titles(client.get(demo_page("aktuelles").url, query))
    assert len(titles) == len(expected)
    for start in expected:
        assert any(title.startswith(start) for title in titles), (start, titles)


def test_filters_stay_in_the_url_of_every_page(client, demo_page):
    region = demo_page("metropole-ruhr")
    for _ in range(12):
        NewsPageFactory(parent=region, date="2019-06-01")
    response = client.get(demo_page("aktuelles").url, {"region": "metropole-ruhr", "jahr": "2019"})

    html = response.content.decode()
    assert response.context["news_page"].paginator.count == 16
    assert 'href="?region=metropole-ruhr&amp;jahr=2019&amp;seite=2"' in html
    assert 'value="2019" selected' in html
    second = client.get(
        demo_page("aktuelles").url, {"region": "metropole-ruhr", "jahr": "2019", "seite": "2"}
    )
    assert len(second.context["news_page"]) == 6


@pytest.mark.parametrize(
    "query",
    [
        {"region": "atlantis"},
        {"jahr": "abc"},
        {"jahr": "1850"},
        {"thema": "<b>"},
        {"seite": "x"},
        {"seite": "99"},
    ],
)
def test_bad_filter_values_never_fail(client, demo_page, query):
    response = client.get(demo_page("aktuelles").url, query)
    assert response.status_code == 200
    assert len(response.context["news_page"]) > 0


def test_unknown_filter_value_is_named_in_a_notice(client, demo_page):
    response = client.get(demo_page("aktuelles").url, {"jahr": "1850"})
    assert "Der Wert für „Jahr“ wurde nicht erkannt" in visible_text(response)


def test_tag_page_lists_the_news_of_one_field_of_action(client, demo_page):
    index = demo_page("aktuelles")
    response = client.get(index.url + "thema/strukturwandel/")

    assert response.status_code == 200
    assert teaser_titles(response) == ["Kraftwerksflächen neu nutzen"]
    assert "Handlungsfeld: Strukturwandel" in visible_text(response)


def test_unknown_tag_page_is_a_404(client, demo_page):
    assert client.get(demo_page("aktuelles").url + "thema/gibt-es-nicht/").status_code == 404


def test_news_page_links_its_fields_of_action_to_tag_pages(client, demo_page):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    html = client.get(item.url).content.decode()
    assert 'href="/aktuelles/thema/flachenentwicklung/"' in html


def test_mehr_lesen_link_text_is_unique_for_assistive_technology(client, demo_page):
    response = client.get(demo_page("aktuelles").url)
    links = re.findall(r"<a [^>]*>(.*?)</a>", response.content.decode(), re.S)
    read_more = [
        re.sub(r"<[^>]+>", "", link).strip()
        for link in links
        if "mehr lesen" in link or "Weiterlesen" in link
    ]
    assert len(read_more) == 6
    assert len(set(read_more)) == len(read_more)
    assert any(
        text.startswith("mehr lesen") and "Schmiede für Urbane Manufakturen" in text for text in read_more
    )


def test_teaser_to_an_external_article_says_so_and_opens_safely(client, demo_page):
    item = demo_page("metropole-ruhr/chancenregion-ruhrgebiet-braucht-wachstumskurs")
    item.external_url = "https://partner.example/artikel"
    item.save_revision().publish()

    for url in ("/", demo_page("aktuelles").url, demo_page("metropole-ruhr").url):
        tags = parse_tags(client.get(url))
        links = [attrs for attrs in tags.find("a") if attrs.get("href") == "https://partner.example/artikel"]
        assert links, url
        assert "noopener" in links[0]["rel"]
    assert "externer Link" in visible_text(client.get(demo_page("aktuelles").url))


def test_the_same_teaser_component_renders_everywhere(client, demo_page):
    card = 'class="kern-card kern-card--interactive portal-teaser"'
    for path in ("", "aktuelles", "aktuelles/thema/strukturwandel", DUESSELDORF):
        url = (
            demo_page(path).url
            if "thema" not in path
            else demo_page("aktuelles").url + "thema/strukturwandel/"
        )
        assert card in client.get(url).content.decode(), path


def test_news_item_appears_on_every_region_it_belongs_to(client, demo_page):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    item.regions.add(demo_page("bergisches-staedtedreieck"))
    item.save_revision().publish()

    for region in ("metropole-ruhr", "bergisches-staedtedreieck"):
        assert "Kraftwerksflächen neu nutzen" in visible_text(client.get(demo_page(region).url)), region
    assert "Kraftwerksflächen neu nutzen" not in visible_text(client.get(demo_page(DUESSELDORF).url))


def test_related_news_share_a_region_or_field_of_action(demo_page):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    related = list(item.related_news())
    assert 0 < len(related) <= 3
    assert item not in related
    assert all(other.get_parent().slug == "metropole-ruhr" for other in related)


def test_region_shows_its_pinned_item_first(client, demo_page):
    region = demo_page(DUESSELDORF)
    event = demo_page(f"{DUESSELDORF}/impuls-werkstaetten-landeshauptstadtregion")
    region.featured_page = event
    region.save_revision().publish()

    html = visible_text(client.get(region.url))
    assert html.index("Im Fokus") < html.index("Die Region in Zahlen")
    assert html.index("Impuls-Werkstätten der landeshauptSTADTREGION") < html.index("Die Region in Zahlen")


def test_news_json_ld_is_a_news_article(client, demo_page):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    item.author = demo_page("metropole-ruhr/rasmus-c-beck")
    item.save_revision().publish()
    html = client.get(item.url).content.decode()
    assert '"@type": "NewsArticle"' in html
    assert '"datePublished": "2019-11-01"' in html
    assert '"name": "Rasmus C. Beck"' in html
    assert '"@type": "BreadcrumbList"' in html
