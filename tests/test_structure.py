"""The one-way layout at work: sections registered from above, one region helper, one page vocabulary."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from contacts.models import OrganisationPage
from contacts.sections import management
from core.sections import Section
from news.models import EventPage, NewsPage
from projects.models import ProjectPage
from regions.models import RegionPage
from regions.queries import in_regions
from tests.conftest import visible_text
from tests.factories import NewsPageFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db

RUHR = "metropole-ruhr"


def greeting_view(region, request):
    return HttpResponse(f"Hallo {region.slug}", content_type="text/plain")


def greeting_section():
    """A section as a new app would register it, with a route below every region page."""
    return Section(
        name="greeting",
        template="components/tag_box.html",
        context=lambda region: {"heading": f"Grüße aus {region.title}", "tags": []},
        area="side",
        order=5,
        routes=(path("gruss/", greeting_view, name="greeting"),),
        panels=(FieldPanel("short_name", heading="Kurzname (Test)"),),
    )


def forget_region_routes():
    """RoutablePageMixin builds a page type's URL resolver once; tests that add routes rebuild it."""
    if "_routablepage_urlresolver" in RegionPage.__dict__:
        del RegionPage._routablepage_urlresolver


def test_a_new_section_shows_on_region_pages_without_touching_regions(client, demo_page):
    region = demo_page(RUHR)
    forget_region_routes()
    with hooks.register_temporarily("register_region_section", greeting_section):
        page_text = visible_text(client.get(region.url))
        route = client.get(region.url + "gruss/")
        RegionPage.get_edit_handler.cache_clear()  # the editor is built once per page type
        content_tab = RegionPage.get_edit_handler().children[0]
        panels = [panel.heading for panel in content_tab.children]
    forget_region_routes()
    RegionPage.get_edit_handler.cache_clear()
    assert "Grüße aus Metropole Ruhr" in page_text
    assert route.status_code == 200 and route.content == b"Hallo metropole-ruhr"
    assert "Kurzname (Test)" in panels
    assert client.get(region.url + "gruss/").status_code == 404


def test_region_page_renders_the_registered_sections_in_order(client, demo_page):
    text = visible_text(client.get(demo_page(RUHR).url))
    headings = ["Abonnieren", "Aktuelles aus der Region", "Veranstaltungen in der Region", "Kontakt"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    names = [section.name for section in RegionPage.sections()]
    assert names == ["carriers", "projects", "fields_of_action", "news", "events", "feeds", "contacts"]


def test_region_feeds_and_calendar_answer_in_place_not_as_redirects(client, demo_page):
    region = demo_page(RUHR)
    for route, content_type in (
        ("feed/rss/", "application/rss+xml"),
        ("feed/atom/", "application/atom+xml"),
        ("kalender/", "text/calendar"),
    ):
        response = client.get(region.url + route)
        assert response.status_code == 200, route
        assert response["Content-Type"].startswith(content_type), route
    assert region.reverse_subpage("calendar") == "kalender/"


def test_featured_page_chooser_offers_the_types_sections_register(admin_client, demo_page):
    region = demo_page(RUHR)
    assert {"news.NewsPage", "news.EventPage"} <= set(RegionPage.featurable_page_types())
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[region.pk]))
    assert response.status_code == 200
    assert "news.newspage" in response.content.decode().lower()


def test_filing_region_of_any_page_type(demo_page):
    region = demo_page(RUHR)
    for page in (
        region,
        demo_page(f"{RUHR}/kraftwerksflaechen-neu-nutzen"),
        demo_page(f"{RUHR}/rasmus-c-beck"),
    ):
        assert RegionPage.objects.filing_region_of(page) == region
    assert RegionPage.objects.filing_region_of(demo_page("aktuelles")) is None
    assert RegionPage.objects.filing_region_of(demo_page("")) is None


def test_region_annotation_takes_one_query_for_a_whole_list(demo_page):
    region = demo_page(RUHR)
    for _ in range(5):
        NewsPageFactory(parent=region)
    with CaptureQueriesContext(connection) as queries:
        annotated = list(RegionPage.objects.annotate_filing_region(Page.objects.filter(depth__gte=3)))
    assert len(queries) == 1
    below_ruhr = [page for page in annotated if page.path.startswith(region.path)]
    assert len(below_ruhr) > 5
    filed = {(page.filing_region_id, page.filing_region_title) for page in below_ruhr}
    assert filed == {(region.pk, region.title)}
    outside = [page for page in annotated if not page.path.startswith(region.path)]
    assert all(page.filing_region_id != region.pk for page in outside)
    assert "" in {page.filing_region_title for page in outside}  # e.g. /aktuelles/ is in no region


def test_pages_in_a_region_include_those_assigned_to_it(demo_page):
    ruhr, bergisch = demo_page(RUHR), demo_page("bergisches-staedtedreieck")
    news = NewsPageFactory(parent=ruhr)
    news.regions.add(bergisch)
    news.save()
    organisation = OrganisationPageFactory(parent=demo_page("partnerverzeichnis"), region=bergisch)

    assert news in in_regions(NewsPage.objects.all(), [bergisch])
    assert organisation in in_regions(OrganisationPage.objects.all(), [bergisch])
    assert organisation not in in_regions(OrganisationPage.objects.all(), [ruhr])
    assert not in_regions(EventPage.objects.all(), []).exists()
    assert list(in_regions(ProjectPage.objects.all(), [ruhr])) == list(
        ProjectPage.objects.descendant_of(ruhr)
    )


def test_one_teaser_text_per_page_is_required_where_readers_rely_on_it(django_user_model, demo_page):
    editor = django_user_model.objects.create_superuser("pruefer", "pruefer@example.org", "geheim-123")
    assert "listing_summary" not in {field.name for field in NewsPage._meta.get_fields()}
    news = demo_page(f"{RUHR}/kraftwerksflaechen-neu-nutzen")
    form_class = NewsPage.get_edit_handler().get_form_class()
    field = form_class(instance=news, for_user=editor).fields["intro"]
    assert field.required and field.label == "Teasertext"
    optional = OrganisationPage.get_edit_handler().get_form_class()
    organisation = demo_page(f"{RUHR}/business-metropole-ruhr")
    field = optional(instance=organisation, for_user=editor).fields["intro"]
    assert not field.required and field.label == "Kurzbeschreibung"

    region = demo_page(RUHR)
    region.intro = "  "
    with pytest.raises(ValidationError) as refused:
        region.full_clean()
    assert "Bitte eine Einleitung eingeben" in str(refused.value.message_dict["intro"])
    organisation.intro = ""
    organisation.full_clean()


def test_images_carry_creator_licence_and_source(admin_client):
    image_model = get_image_model()
    assert image_model._meta.label == "core.PortalImage"
    response = admin_client.get(reverse("wagtailimages:add"))
    html = response.content.decode()
    for name in ("creator", "licence", "source"):
        assert f'name="{name}"' in html


def test_a_lookup_shared_by_two_sections_queries_once_per_page(demo_page):
    """Carriers (side) and Kontakt (main) both need the regional management: one lookup per render."""
    region = demo_page(RUHR)
    with CaptureQueriesContext(connection) as first:
        organisation = management(region)
    with CaptureQueriesContext(connection) as second:
        assert management(region) is organisation
    assert organisation.slug == "business-metropole-ruhr"
    assert len(first) > 0 and len(second) == 0


def test_preview_of_a_new_region_shows_its_text_and_no_sections(admin_client, demo_page):
    """An unsaved region has nothing filed below it; its preview must not list every page of the site."""
    home = demo_page("")
    url = reverse("wagtailadmin_pages:preview_on_add", args=["regions", "regionpage", home.pk])
    data = nested_form_data(
        {
            "title": "Region Münsterland",
            "slug": "muensterland",
            "intro": "Eine neue Region im Aufbau.",
            "body": streamfield([]),
            "key_figures": streamfield([]),
            "contact_links": inline_formset([]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"]
    preview = visible_text(admin_client.get(url))
    assert "Eine neue Region im Aufbau." in preview
    assert "Kraftwerksflächen neu nutzen" not in preview and "Projekte" not in preview
