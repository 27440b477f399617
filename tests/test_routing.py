"""Routing with one query for the path (core/routing.py) serves, refuses and links what Wagtail would."""

import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from core.models import all_pages
from tests.conftest import parse_tags, visible_text
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

RUHR = "metropole-ruhr"
NEWS = "metropole-ruhr/kraftwerksflaechen-neu-nutzen"


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="geheim")


def menu_links(response):
    links = parse_tags(response).find("a")
    return [attrs["href"] for attrs in links if "portal-nav__link" in attrs.get("class", "")]


def test_public_is_the_same_set_of_pages_as_wagtails(demo_page):
    """The portal's `public()` (a subquery) leaves out what Wagtail's (a query per call) leaves out."""
    restrict(demo_page(RUHR))
    restrict(demo_page("impressum"), PageViewRestriction.LOGIN)
    wagtails = PageQuerySet(Page).live().public()
    assert set(all_pages().live().public()) == set(wagtails)
    assert set(all_pages().live().not_public()) == set(PageQuerySet(Page).live().not_public())
    assert demo_page(NEWS) not in set(all_pages().public())


def test_a_page_below_a_restricted_one_asks_for_the_password(client, demo_page):
    restrict(demo_page(RUHR))
    response = client.get(demo_page(NEWS).url)
    assert "Kraftwerksflächen neu nutzen" not in visible_text(response)
    assert 'name="password"' in response.content.decode()


def test_a_page_that_requires_a_login_sends_visitors_to_log_in(client, demo_page):
    restrict(demo_page("impressum"), PageViewRestriction.LOGIN)
    response = client.get(demo_page("impressum").url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_alias_of_a_restricted_page_is_restricted_too(client, demo_page):
    page = demo_page("leichte-sprache")
    alias = page.create_alias(update_slug="leichte-sprache-kopie")
    restrict(page)
    response = client.get(alias.url)
    assert 'name="password"' in response.content.decode()


def test_a_restricted_section_leaves_the_main_menu(client, demo_page):
    before = menu_links(client.get("/"))
    assert demo_page("aktuelles").url in before
    restrict(demo_page("aktuelles"))
    for url in ("/", demo_page(RUHR).url):
        links = menu_links(client.get(url))
        assert demo_page("aktuelles").url not in links
        assert links == [link for link in before if link != demo_page("aktuelles").url]


def test_a_child_named_like_a_route_does_not_hide_the_route(client, demo_page):
    """Wagtail asks a page's own routes first: /<region>/kalender/ stays the region's calendar."""
    region = demo_page(RUHR)
    ContentPageFactory(parent=region, title="Kalender", slug="kalender")
    response = client.get(region.url + "kalender/")
    assert response["Content-Type"].startswith("text/calendar")


def test_a_page_below_an_unpublished_one_is_served_without_a_link_to_it(client, demo_page):
    """As with Wagtail: the page is served, the breadcrumbs leave out the unpublished region."""
    region = demo_page(RUHR)
    Page.objects.filter(pk=region.pk).update(live=False)
    response = client.get(demo_page(NEWS).url)
    assert response.status_code == 200
    crumbs = response.content.decode().split('class="portal-breadcrumbs"')[1].split("</nav>")[0]
    assert region.url not in crumbs and 'href="/"' in crumbs


def test_breadcrumbs_and_their_json_ld_name_every_ancestor(client, demo_page):
    response = client.get(demo_page(NEWS).url)
    html = response.content.decode()
    crumbs = html.split('class="portal-breadcrumbs"')[1].split("</nav>")[0]
    assert f'href="{demo_page(RUHR).url}"' in crumbs
    assert '"name": "Metropole Ruhr"' in html and '"position": 3' in html
