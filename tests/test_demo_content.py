"""The demo content loader builds every seed fact into typed fields and is idempotent."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from contacts.models import ContactPersonPage, OrganisationPageTag
from core.models import PortalSettings
from demo.loader import DemoContentLoader
from news.models import EventDate, EventPage, NewsPage, NewsPageTag
from projects.models import ProjectPage, ProjectPageTag
from regions.models import RegionPage, RegionPageTag

pytestmark = pytest.mark.django_db


def database_snapshot():
    return {
        "pages": list(
            Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "event_dates": list(EventDate.objects.order_by("pk").values_list("pk", "start_date")),
        "tags": [
            model.objects.count()
            for model in (RegionPageTag, ProjectPageTag, NewsPageTag, OrganisationPageTag)
        ],
        "sites": list(Site.objects.values_list("pk", "root_page_id", "hostname", "port")),
        "images": list(get_image_model().objects.order_by("pk").values_list("pk", "title", "file")),
    }


def test_loading_twice_changes_nothing():
    before = database_snapshot()
    output = StringIO()

    call_command("load_demo_content", stdout=output)

    assert database_snapshot() == before
    assert "0 Seiten angelegt" in output.getvalue()


def test_loader_keeps_editor_changes(demo_page):
    region = demo_page("bergisches-staedtedreieck")
    region.intro = "Von der Redaktion geändert."
    region.save_revision().publish()

    call_command("load_demo_content", stdout=StringIO())

    region.refresh_from_db()
    assert region.intro == "Von der Redaktion geändert."


def test_home_page_is_the_default_sites_root(demo_page):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo_page("")
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()


def test_region_key_figures_are_structured_values(demo_page):
    region = demo_page("region-duesseldorf-kreis-mettmann")
    figures = [(block.value["value"], block.value["label"]) for block in region.key_figures]
    assert [value for value, _label in figures] == ["> 1 Mio.", "> 70.000", "11,6 Mio.", "ca. 500.000"]
    assert "pendeln" in figures[1][1]


def test_phone_numbers_are_stored_as_international_numbers(demo_page):
    organisation = demo_page(
        "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
    )
    assert organisation.phone.as_e164 == "+492118995680"
    assert demo_page("region-duesseldorf-kreis-mettmann/dr-kai-bueter").phone.as_e164 == "+492118996712"
    assert demo_page("metropole-ruhr/business-metropole-ruhr").phone.as_e164 == "+492016324880"
    assert not demo_page("metropole-ruhr/rasmus-c-beck").phone


def test_organisation_keeps_seed_000_address_and_people_the_office_of_seed_001(demo_page):
    organisation = demo_page(
        "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
    )
    assert organisation.address_lines == [
        "c/o Landeshauptstadt Düsseldorf",
        "Dezernat für Recht, Ordnung und Wohnen",
        "Willi-Becker-Allee 6-8",
        "40227 Düsseldorf",
    ]
    for person in organisation.contact_people():
        assert person.street_address == "Auf'm Hennekamp 45"
        assert person.postal_code == "40225"
        assert person.organisation == organisation
    assert [person.full_name for person in organisation.contact_people()] == ["Dr. Kai Büter", "Paul Stertz"]


def test_carriers_and_supervisory_body_link_to_directory_entries(demo_page):
    organisation = demo_page(
        "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
    )
    carriers = {page.title for page in organisation.carriers.all()}
    assert carriers == {
        "Landeshauptstadt Düsseldorf",
        "Kreis Mettmann",
        "Industrie- und Handelskammer zu Düsseldorf",
    }
    seats = [
        (block.value["office"], block.value["organisation"].title) for block in organisation.supervisory_body
    ]
    assert seats[0] == ("Oberbürgermeister der Landeshauptstadt Düsseldorf", "Landeshauptstadt Düsseldorf")
    assert len(seats) == 3


def test_roadshow_is_one_event_with_three_dates_and_places():
    roadshow = EventPage.objects.get(slug="foerderscout-roadshow")
    assert [(date.start_date, date.locality) for date in roadshow.dates.all()] == [
        (datetime.date(2019, 11, 19), "Duisburg"),
        (datetime.date(2019, 11, 27), "Hamm"),
        (datetime.date(2019, 12, 4), "Hattingen"),
    ]


def test_newsletter_issue_holds_editorial_news_and_events_of_metropole_ruhr(demo_page):
    region = demo_page("metropole-ruhr")
    issue = demo_page("newsletter/business-metropole-ruhr-november-2019")
    assert issue.editorial_author.full_name == "Rasmus C. Beck"
    assert "74 Projektideen" in issue.editorial
    assert [item.read_more_text for item in issue.news()] == ["Weiterlesen…"] * 4
    assert all(item.get_parent().specific == region for item in issue.news() + issue.events())
    assert [event.title for event in issue.events()][1] == "Förderscout Roadshow"
    assert issue.publisher().title == "Business Metropole Ruhr GmbH"
    assert NewsPage.objects.descendant_of(region).count() == 4
    assert EventPage.objects.descendant_of(region).count() == 4


def test_remscheid_news_is_filed_under_bergisches_staedtedreieck(demo_page):
    item = demo_page("bergisches-staedtedreieck/schmiede-fuer-urbane-manufakturen-in-remscheid")
    assert item.date == datetime.date(2022, 4, 7)
    assert item.read_more_text == "mehr lesen"
    assert {region.title for region in item.all_regions()} == {
        "Bergisches Städtedreieck",
        "Region Düsseldorf – Kreis Mettmann",
    }


def test_contact_people_are_people_not_text():
    names = set(ContactPersonPage.objects.values_list("honorific_prefix", "given_name", "family_name"))
    assert names == {("Dr.", "Kai", "Büter"), ("", "Paul", "Stertz"), ("", "Rasmus C.", "Beck")}


def test_settings_point_the_footer_at_the_legal_pages(demo_page):
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    assert [page.slug for page in portal_settings.footer_links] == [
        "impressum",
        "datenschutz",
        "barrierefreiheit",
    ]
    assert portal_settings.imprint_page.specific == demo_page("impressum")


def test_every_demo_page_has_a_published_revision():
    for page in Page.objects.filter(depth__gt=1):
        assert page.live and page.live_revision_id, page.url_path


def test_loader_points_the_site_at_the_port_it_is_served_on(demo_page):
    call_command("load_demo_content", "--hostname", "127.0.0.1", "--port", "8091", stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8091)
    assert demo_page("aktuelles").full_url == "http://127.0.0.1:8091/aktuelles/"


def test_regions_news_events_and_projects_have_generated_images_people_no_portraits():
    pages = [
        *RegionPage.objects.select_related("listing_image"),
        *NewsPage.objects.select_related("listing_image"),
        *EventPage.objects.select_related("listing_image"),
        *ProjectPage.objects.select_related("listing_image"),
    ]
    assert len(pages) == 15
    for page in pages:
        image = page.listing_image
        assert image is not None, page.url_path
        assert (image.creator, image.licence, image.source) == (
            "Grafik: regionen.NRW Portal, generiert",
            "CC0 1.0",
            "",
        )
        assert (image.width, image.height) == (1200, 675)
        assert image.file_size < 80_000 and image.file.name.endswith(".jpg")
        assert image.description.startswith("Grafik"), "the alt text says what the image shows"
    assert len({page.listing_image_id for page in pages}) == len(pages), "one image per page"
    assert not ContactPersonPage.objects.filter(photo__isnull=False).exists()


def test_images_are_filed_in_their_regions_collection(demo_page):
    region = demo_page("metropole-ruhr")
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    assert region.listing_image.collection.name == "Metropole Ruhr"
    assert item.listing_image.collection == region.listing_image.collection


def test_a_graphic_is_made_once_and_its_file_reused_by_another_database(demo_page):
    loader = DemoContentLoader([])
    region = demo_page("metropole-ruhr")
    image = region.listing_image
    assert loader.graphic("region", region) == image  # found again by its title

    stored = image.file.name
    get_image_model().objects.filter(pk=image.pk).delete()  # the file stays until a commit
    again = loader.graphic("region", region)
    assert again.pk != image.pk
    assert again.file.name == stored  # the same drawing: no second copy of the file
