"""Impressum, Erklärung zur Barrierefreiheit, Leichte Sprache, Gebärdensprache, embeds."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from core.blocks import BodyBlock, ExternalEmbedBlock
from core.models import ContentPage, PortalSettings
from legal.models import OMBUDSSTELLE_URL, AccessibilityStatementPage, ImprintPage
from regions.models import HomePage
from tests.conftest import parse_tags, visible_text

pytestmark = pytest.mark.django_db

FEEDBACK_URL = "/barriere-melden/"


@pytest.fixture
def portal_settings():
    return PortalSettings.for_site(Site.objects.get(is_default_site=True))


# ---------- Impressum and footer: publisher data kept once in the settings ----------


def test_imprint_shows_the_publisher_from_the_settings(client, demo_page):
    page = demo_page("impressum")
    assert isinstance(page, ImprintPage)

    text = visible_text(client.get(page.url))

    for fact in (
        "Anbieter nach § 5 DDG",
        "Name der herausgebenden Stelle (Platzhalter)",
        "Rechtsform (Platzhalter)",
        "Vertretungsberechtigte Person mit Funktion (Platzhalter)",
        "Straße und Hausnummer (Platzhalter)",
        "PLZ Ort (Platzhalter)",
        "redaktion@regionen.nrw.example",
        "Inhaltlich verantwortlich nach § 18 Abs. 2 MStV",
        "Name der inhaltlich verantwortlichen Person (Platzhalter)",
        "Hinweis zum Demo-Inhalt",
    ):
        assert fact in text, fact


def test_changing_the_publisher_in_the_settings_changes_imprint_and_footer(
    client, demo_page, portal_settings
):
    portal_settings.publisher_name = "Regionalagentur Musterland GmbH"
    portal_settings.publisher_street = "Testweg 1"
    portal_settings.publisher_postal_code = "12345"
    portal_settings.publisher_locality = "Teststadt"
    portal_settings.publisher_phone = "+49 211 1234567"
    portal_settings.responsible_name = "Erika Test"
    portal_settings.responsible_address = "Postfach 7\n12346 Teststadt"
    portal_settings.save()

    imprint = visible_text(client.get(demo_page("impressum").url))
    footer_elsewhere = visible_text(client.get(demo_page("aktuelles").url))

    assert "Regionalagentur Musterland GmbH" in imprint
    assert "0211 1234567" in imprint and 'href="tel:+492111234567"' in imprint
    assert "Erika Test" in imprint and "Postfach 7" in imprint
    assert "Name der herausgebenden Stelle (Platzhalter)" not in imprint
    assert "Anbieter: Regionalagentur Musterland GmbH, Testweg 1, 12345 Teststadt" in footer_elsewhere
    assert "Anbieter: Regionalagentur Musterland GmbH, Testweg 1, 12345 Teststadt" in imprint


def test_responsible_person_without_own_address_gets_the_publishers(portal_settings):
    portal_settings.responsible_address = ""
    assert portal_settings.responsible_address_lines == [
        "Straße und Hausnummer (Platzhalter)",
        "PLZ Ort (Platzhalter)",
    ]


def test_imprint_says_so_when_the_publisher_is_missing(client, demo_page, portal_settings):
    portal_settings.publisher_name = ""
    portal_settings.save()

    response = client.get(demo_page("impressum").url)

    assert "Die Angaben zum Anbieter sind noch nicht eingetragen." in visible_text(response)
    assert "Anbieter:" not in visible_text(response)


def test_privacy_policy_names_the_controller_from_the_settings_and_what_is_processed(client, demo_page):
    text = visible_text(client.get(demo_page("datenschutz").url))

    for fact in (
        "Verantwortliche Stelle",
        "Name der herausgebenden Stelle (Platzhalter)",
        "Server-Protokolle",
        "Newsletter",
        "Formular „Barriere melden“",
        "keine Cookies",
        "Tracking",
        "Ihre Rechte",
        "Art. 77 DSGVO",
    ):
        assert fact in text, fact


# ---------- Erklärung zur Barrierefreiheit ----------


def test_accessibility_statement_has_every_part_of_the_model_statement(client, demo_page):
    page = demo_page("barrierefreiheit")
    assert isinstance(page, AccessibilityStatementPage)

    response = client.get(page.url)
    text = visible_text(response)

    for fact in (
        "BGG NRW",
        "Stand der Vereinbarkeit mit den Anforderungen",
        "teilweise vereinbar",
        "Nicht barrierefreie Inhalte",
        "Video in Deutscher Gebärdensprache",
        "Unvereinbarkeit mit den Anforderungen",
        "Barrierefreie Alternative",
        "Erstellung dieser Erklärung",
        'Diese Erklärung wurde am <time datetime="2026-11-23">23.11.2026</time> erstellt.',
        "zuletzt am",
        "Selbstbewertung",
        "Feedback und Kontaktangaben",
        "Durchsetzungsverfahren",
        "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen",
    ):
        assert fact in text, fact
    hrefs = [attrs.get("href", "") for attrs in parse_tags(response).find("a")]
    assert OMBUDSSTELLE_URL in hrefs
    assert f"{FEEDBACK_URL}?seite=/barrierefreiheit/" in hrefs


def test_statement_follows_the_chosen_compliance_status(client, demo_page):
    page = demo_page("barrierefreiheit")
    page.compliance_status = AccessibilityStatementPage.Compliance.FULL
    page.non_accessible_content = []
    page.save_revision().publish()

    text = visible_text(client.get(page.url))

    assert "vollständig vereinbar" in text
    assert "Uns sind keine Inhalte bekannt, die nicht barrierefrei sind." in text


# ---------- Leichte Sprache and Gebärdensprache ----------


def test_start_page_links_to_leichte_sprache_and_gebaerdensprache(client, demo_page):
    response = client.get("/")
    nav = (
        response.content.decode()
        .split('aria-label="Leichte Sprache und Gebärdensprache"')[1]
        .split("</nav>")[0]
    )

    assert f'href="{demo_page("leichte-sprache").url}"' in nav
    assert f'href="{demo_page("gebaerdensprache").url}"' in nav
    assert "kern-icon--easy-language" in nav and "kern-icon--sign-language" in nav


def test_leichte_sprache_page_covers_the_four_items_of_bitv_section_4(client, demo_page):
    text = visible_text(client.get(demo_page("leichte-sprache").url))

    for heading in (
        "Was steht auf dieser Internet·seite?",
        "So finden Sie sich zurecht",
        "Wie barriere·frei ist diese Internet·seite?",
        "Mehr in Leichter Sprache und in Gebärden·sprache",
    ):
        assert heading in text, heading
    assert 'href="/barriere-melden/"' in text and 'href="/barrierefreiheit/"' in text


def test_sign_language_video_offers_download_with_size_and_running_time_and_a_transcript(client, demo_page):
    response = client.get(demo_page("gebaerdensprache").url)
    text = visible_text(response)
    tags = parse_tags(response)

    [video] = tags.find("video")
    assert "controls" in video and "autoplay" not in video
    document = get_document_model().objects.get(title="gebaerdensprache-platzhalter.webm")
    [source] = tags.find("source")
    assert source["src"] == document.url and source["type"] == "video/webm"
    assert any(attrs.get("href") == document.url and "download" in attrs for attrs in tags.find("a"))
    assert "WEBM, 6,0\xa0KB, Laufzeit" in text
    assert '<time datetime="PT0M2S">00:02</time> Minuten' in text
    assert "Text zum Video" in text
    assert "Platzhalter: Dieses Video enthält noch keine Gebärdensprache." in text
    assert "Das Video auf dieser Seite ist ein Platzhalter" in text


def test_sign_language_running_time_must_be_minutes_and_seconds():
    from django.core.exceptions import ValidationError

    block = BodyBlock().child_blocks["sign_language_video"].child_blocks["duration"]
    assert block.clean("12:05") == "12:05"
    with pytest.raises(ValidationError):
        block.clean("2 Minuten")


def test_demo_video_is_created_once(demo_page):
    documents = get_document_model().objects.filter(title="gebaerdensprache-platzhalter.webm")
    assert documents.count() == 1
    assert documents.get().file_size < 100_000

    call_command("load_demo_content", verbosity=0)

    assert documents.count() == 1


# ---------- External embeds: two clicks ----------

EMBED = {
    "title": "Karte: Lage der Geschäftsstelle",
    "provider": "OpenStreetMap Foundation",
    "embed_url": "https://www.openstreetmap.org/export/embed.html?bbox=6.7,51.2,6.8,51.3",
    "link_url": "https://www.openstreetmap.org/#map=13/51.25/6.75",
    "aspect_ratio": "4-3",
}


def test_external_embed_renders_no_iframe_and_no_third_party_source(client, demo_page):
    page = demo_page("datenschutz")
    page.body = [("external_embed", EMBED)]
    page.save_revision().publish()

    response = client.get(page.url)
    tags = parse_tags(response)
    text = visible_text(response)

    assert not tags.find("iframe")
    sources = [attrs.get("src", "") for _tag, attrs in tags.tags]
    assert not [src for src in sources if "openstreetmap" in src]
    assert "Beim Laden werden Daten an OpenStreetMap Foundation übertragen" in text
    [button] = [attrs for attrs in tags.find("button") if "data-embed-src" in attrs]
    assert "hidden" in button  # shown only by the script; without it the plain link remains
    assert any(attrs.get("href") == EMBED["link_url"] for attrs in tags.find("a"))
    [script] = [attrs for attrs in tags.find("script") if attrs.get("src", "").endswith("external-embed.js")]
    assert script["type"] == "module"


def test_external_embed_names_the_host_when_no_provider_is_given():
    block = ExternalEmbedBlock()
    html = block.render(block.to_python({**EMBED, "provider": "", "link_url": ""}))

    assert "Daten an www.openstreetmap.org übertragen" in html
    assert f'href="{EMBED["embed_url"].replace("&", "&amp;")}"' in html
    assert "<iframe" not in html


def test_external_embed_accepts_only_https():
    from wagtail.blocks.struct_block import StructBlockValidationError

    block = ExternalEmbedBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**EMBED, "embed_url": "http://example.org/embed"}))


# ---------- Page types: where they may be created, and the admin ----------


@pytest.mark.parametrize("model", [ImprintPage, AccessibilityStatementPage])
def test_legal_page_types_live_once_below_the_home_page(model, demo_page):
    assert set(model.allowed_parent_page_models()) == {HomePage}
    assert model.allowed_subpage_models() == []
    assert not model.can_create_at(demo_page(""))  # the demo already has its one instance
    assert not model.can_create_at(demo_page("aktuelles"))


def test_legal_page_type_can_be_created_when_missing(demo_page):
    demo_page("impressum").delete()
    assert ImprintPage.can_create_at(demo_page(""))


def test_content_page_still_holds_leichte_sprache_and_gebaerdensprache(demo_page):
    for path in ("leichte-sprache", "gebaerdensprache"):
        page = demo_page(path)
        assert isinstance(page, ContentPage)
        assert page.get_parent().specific == demo_page("")


@pytest.mark.parametrize("path", ["impressum", "barrierefreiheit", "leichte-sprache", "gebaerdensprache"])
def test_admin_edit_views_of_the_new_pages_open(admin_client, demo_page, path):
    page = demo_page(path)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


def test_admin_add_view_for_the_statement_opens_where_allowed(admin_client, demo_page):
    demo_page("barrierefreiheit").delete()
    home = Page.objects.get(pk=demo_page("").pk)
    url = reverse("wagtailadmin_pages:add", args=["legal", "accessibilitystatementpage", home.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert OMBUDSSTELLE_URL in visible_text(response)
