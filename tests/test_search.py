"""Site search /suche/: results over all page types, labels, paging, promotions, odd input, no cookie."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from core.models import ContentPage
from search.views import MAX_QUERY_LENGTH
from tests.conftest import parse_tags, visible_text
from tests.factories import EventDateFactory, EventPageFactory, NewsPageFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="German stemming needs PostgreSQL full-text search with SEARCH_CONFIG 'german'; SQLite has none",
)

STERTZ = "region-duesseldorf-kreis-mettmann/paul-stertz"
FOERDERSCOUT = "metropole-ruhr/foerderscout-roadshow"
REGION_METTMANN = "region-duesseldorf-kreis-mettmann"
KREIS_METTMANN = "partnerverzeichnis/kreis-mettmann"
REGIONALMANAGEMENT_METTMANN = f"{REGION_METTMANN}/regionalmanagement-duesseldorf-kreis-mettmann"
IMPULS_WERKSTAETTEN = f"{REGION_METTMANN}/impuls-werkstaetten-landeshauptstadtregion"


def search(client, query=None, **params):
    """GET the search page; query=None leaves q out."""
    if query is not None:
        params["q"] = query
    response = client.get("/suche/", params)
    assert response.status_code == 200
    return response


def found(response):
    """The pages listed as results on this page of the search (promoted results not included)."""
    results = response.context["results"]
    return list(results) if results else []


def found_paths(response):
    return {page.url_path for page in found(response)}


def url_path(demo_page, path):
    return demo_page(path).url_path


def status_text(response):
    """The text of the live region that announces the result count."""
    html = visible_text(response)
    return html.split('role="status">', 1)[1].split("</p>", 1)[0].strip()


class TestSearchPage:
    def test_empty_query_shows_form_and_hint(self, client):
        response = search(client)
        text = visible_text(response)
        tags = parse_tags(response)
        assert len(tags.find("h1")) == 1
        assert "Geben Sie einen oder mehrere Begriffe ein" in text
        assert "Treffer" not in text
        forms = [form for form in tags.find("form") if form.get("action") == "/suche/"]
        assert len(forms) == 2  # the page's own form and the one in the header
        assert all(form["method"] == "get" and form["role"] == "search" for form in forms)
        assert len({form["aria-label"] for form in forms}) == 2  # landmarks tell themselves apart
        labels = {label["for"] for label in tags.find("label")}
        for field in tags.find("input"):
            if field.get("name") == "q":
                assert field["id"] in labels
                assert field["type"] == "search"

    def test_blank_query_is_an_empty_query(self, client):
        text = visible_text(search(client, "   "))
        assert "Geben Sie einen oder mehrere Begriffe ein" in text
        assert Query.objects.count() == 0

    def test_page_is_not_indexed(self, client):
        response = search(client, "Stertz")
        metas = parse_tags(response).find("meta")
        assert {"name": "robots", "content": "noindex"} in metas
        assert "Suche nach „Stertz“" in visible_text(response)  # the <title>

    def test_no_cookie_no_csrf_token(self, client):
        for params in ({}, {"q": "Kreis Mettmann"}, {"q": "Kreis Mettmann", "seite": "2"}, {"q": "nichts"}):
            response = client.get("/suche/", params)
            assert response.cookies == {}
            assert "Set-Cookie" not in response.headers
            assert "csrfmiddlewaretoken" not in response.content.decode()

    def test_header_form_on_every_page(self, client):
        response = client.get("/")
        forms = [form for form in parse_tags(response).find("form") if form.get("action") == "/suche/"]
        assert len(forms) == 1
        assert forms[0]["role"] == "search"


class TestResults:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("Stertz", [STERTZ]),
            ("stertz", [STERTZ]),
            ("Förderscout", [FOERDERSCOUT]),
            ("Kreis Mettmann", [REGION_METTMANN, KREIS_METTMANN, REGIONALMANAGEMENT_METTMANN]),
        ],
    )
    def test_seed_terms(self, client, demo_page, query, expected):
        paths = found_paths(search(client, query))
        for path in expected:
            assert url_path(demo_page, path) in paths

    def test_every_result_shows_its_type(self, client, demo_page):
        response = search(client, "Kreis Mettmann")
        text = visible_text(response)
        pages = found(response)
        kinds = {str(page.teaser_kind) for page in pages}
        assert {"Region", "Kreis", "Regionalmanagement"} <= kinds
        for page in pages:
            assert f"<span>{page.teaser_kind}</span>" in text
            assert page.teaser_title in text

    def test_count_is_announced(self, client):
        assert status_text(search(client, "Stertz")) == "1 Treffer für „Stertz“"
        assert (
            status_text(search(client, "Quantenchromodynamik")) == "Keine Treffer für „Quantenchromodynamik“."
        )

    def test_all_terms_must_match(self, client, demo_page):
        paths = found_paths(search(client, "Stertz Förderscout"))
        assert paths == set()

    def test_no_results_gives_tips(self, client):
        text = visible_text(search(client, "Quantenchromodynamik"))
        assert "Keine Treffer für „Quantenchromodynamik“." in text
        assert "Tipps für die Suche" in text
        assert 'href="/partnerverzeichnis/"' in text

    def test_only_live_public_pages(self, client, demo_page):
        person = demo_page(STERTZ)
        PageViewRestriction.objects.create(
            page=person, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        assert found(search(client, "Stertz")) == []
        PageViewRestriction.objects.all().delete()
        event = demo_page(FOERDERSCOUT)
        event.unpublish()
        assert found(search(client, "Förderscout")) == []

    def test_new_page_is_found(self, client, demo_page):
        home = demo_page("")
        page = home.add_child(instance=ContentPage(title="Glasfaserausbau im Kreis", intro="Schnelles Netz."))
        page.save_revision().publish()
        paths = found_paths(search(client, "Glasfaserausbau"))
        assert paths == {page.url_path}

    def test_queries_do_not_grow_with_results(self, client, demo_page):
        def add_results(number):
            region = demo_page("metropole-ruhr")
            event = EventPageFactory(parent=region, title=f"Zeppelinfest {number} am Phoenixsee")
            EventDateFactory(event=event)
            NewsPageFactory(parent=region, title=f"Zeppelinfest {number} angekündigt")
            OrganisationPageFactory(
                parent=demo_page("partnerverzeichnis"), title=f"Zeppelinfest {number} e. V."
            )

        def count():
            with CaptureQueriesContext(connection) as queries:
                response = search(client, "Zeppelinfest", seite="1")  # seite: no hit is counted
            return len(found(response)), len(queries)

        add_results(1)
        count()  # fills Wagtail's cache of site root paths
        found_one, queries_one = count()
        add_results(2)
        add_results(3)
        found_three, queries_three = count()
        assert (found_one, found_three) == (3, 9)
        assert queries_three == queries_one

    def test_pagination_keeps_the_query(self, client, monkeypatch):
        monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 2)
        first = search(client, "Kreis Mettmann")
        total = first.context["results"].paginator.count
        assert total >= 4
        html = visible_text(first)
        assert 'href="?q=Kreis+Mettmann&seite=2"' in html
        assert f"{total} Treffer für „Kreis Mettmann“, Seite 1 von " in html
        second = search(client, "Kreis Mettmann", seite="2")
        assert len(found(second)) == 2
        assert not {page.pk for page in found(first)} & {page.pk for page in found(second)}
        assert "Seite 2" in visible_text(second).split("</title>")[0]
        last = search(client, "Kreis Mettmann", seite="999")
        assert last.context["results"].number == last.context["results"].paginator.num_pages
        assert search(client, "Kreis Mettmann", seite="abc").context["results"].number == 1


class TestPromotions:
    def promote(self, query, **fields):
        return SearchPromotion.objects.create(query=Query.get(query), **fields)

    def test_promoted_page_comes_first_marked(self, client, demo_page):
        person = demo_page(STERTZ)
        self.promote("kreis mettmann", page=person, description="Ihr Ansprechpartner im Regionalmanagement.")
        response = search(client, "Kreis  METTMANN")  # the same query, written differently
        html = visible_text(response)
        results = html.split('class="portal-search-results"')[1]
        first = results.split("</li>")[0]
        assert "Paul Stertz" in first
        assert "Empfohlen" in first
        assert "Ihr Ansprechpartner im Regionalmanagement." in first
        assert person.pk not in {page.pk for page in found(response)}  # not listed twice
        assert html.count("Empfohlen") == 1

    def test_promotion_without_search_hit_and_external_link(self, client):
        self.promote(
            "förderung",
            external_link_url="https://www.wirtschaft.nrw/foerderung",
            external_link_text="Förderprogramme des Landes",
        )
        html = visible_text(search(client, "Förderung"))
        assert "Förderprogramme des Landes" in html
        assert 'href="https://www.wirtschaft.nrw/foerderung" rel="noopener external"' in html
        assert "1 Treffer für „Förderung“" in html
        assert "Empfohlen" in html

    def test_unpublished_promoted_page_is_left_out(self, client, demo_page):
        event = demo_page(FOERDERSCOUT)
        self.promote("stertz", page=event)
        event.unpublish()
        html = visible_text(search(client, "Stertz"))
        assert "Empfohlen" not in html
        assert "Förderscout Roadshow" not in html

    def test_promotions_only_on_first_page(self, client, demo_page, monkeypatch):
        monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 2)
        self.promote("kreis mettmann", page=demo_page(STERTZ))
        assert "Empfohlen" in visible_text(search(client, "Kreis Mettmann"))
        assert "Empfohlen" not in visible_text(search(client, "Kreis Mettmann", seite="2"))

    def test_search_counts_a_hit_once(self, client):
        search(client, "Kreis Mettmann")
        search(client, "Kreis Mettmann", seite="2")
        search(client, "kreis mettmann")
        assert Query.objects.get(query_string="kreis mettmann").hits == 2


class TestOddInput:
    @pytest.mark.parametrize(
        "query",
        [
            '"Kreis',
            '"Kreis Mettmann"',
            "<script>alert(1)</script>",
            "!!!",
            "...",
            "*",
            "\x00",
            "Kreis\x00Mettmann",
            "' OR 1=1 --",
            "Kreis AND OR NOT",
            "NEAR(Kreis Mettmann)",
            "Mett*",
            "a:b",
            "(Kreis",
            "&|!:*",
            "der die das",
            "\u200b",
            "🙂",
            "ä" * 300,
            "Kreis " * 100,
        ],
    )
    def test_never_an_error(self, client, query):
        response = search(client, query)
        assert len(parse_tags(response).find("h1")) == 1

    def test_raw_null_byte_in_url(self, client):
        assert client.get("/suche/?q=%00").status_code == 200
        assert client.get("/suche/?q=Stertz%00").status_code == 200

    def test_markup_is_escaped(self, client):
        html = search(client, "<script>alert(1)</script>").content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_quotes_and_punctuation_still_find(self, client, demo_page):
        assert url_path(demo_page, STERTZ) in found_paths(search(client, '"Stertz"'))
        assert url_path(demo_page, STERTZ) in found_paths(search(client, "Stertz!?"))
        assert found(search(client, "!!!")) == []

    def test_long_query_is_cut(self, client, demo_page):
        response = search(client, "Stertz " + "x" * 5000)
        assert len(response.context["query"]) == MAX_QUERY_LENGTH
        assert "Suchbegriff gekürzt" in visible_text(response)
        field = next(f for f in parse_tags(response).find("input") if f.get("id") == "suche-begriff")
        assert len(field["value"]) == MAX_QUERY_LENGTH
        assert Query.objects.get().query_string == ("stertz " + "x" * 5000)[:MAX_QUERY_LENGTH]


@postgres_only
class TestGermanStemming:
    """PostgreSQL with SEARCH_CONFIG "german" finds inflected forms; these don't hold on SQLite."""

    def test_genitive_finds_the_noun(self, client, demo_page):
        paths = found_paths(search(client, "Unternehmens"))
        assert url_path(demo_page, FOERDERSCOUT) in paths  # "… mittlere Unternehmen …"
        assert url_path(demo_page, REGION_METTMANN) in paths

    def test_plural_finds_the_singular(self, client, demo_page):
        paths = found_paths(search(client, "Regionen"))
        assert url_path(demo_page, "metropole-ruhr") in paths

    def test_kreises_finds_kreis(self, client, demo_page):
        paths = found_paths(search(client, "Kreises Mettmann"))
        assert url_path(demo_page, KREIS_METTMANN) in paths

    def test_singular_finds_the_plural_with_umlaut(self, client, demo_page):
        paths = found_paths(search(client, "Werkstatt"))
        assert url_path(demo_page, IMPULS_WERKSTAETTEN) in paths  # "Impuls-Werkstätten …"
