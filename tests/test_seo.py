"""Sitemap, robots.txt, description, Open Graph and Twitter tags, and the home page's JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET
from io import BytesIO
from urllib.robotparser import RobotFileParser

import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from core.models import ContentPage, PortalSettings
from core.templatetags.seo_tags import DEFAULT_SHARE_IMAGE, page_description, shorten
from news.models import NewsPage
from regions.models import LOGO
from tests.conftest import live_pages, parse_tags, visible_text

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Routes below a page that are files or embeds, not documents of their own.
SUB_ROUTES = ("/feed/", "/vcard/", "/ical/", "/qr-code/", "/karte/", "/kalender/", "/thema/")
DUESSELDORF = "region-duesseldorf-kreis-mettmann"


@pytest.fixture
def root_url(db):
    return Site.objects.get(is_default_site=True).root_url


def sitemap_entries(client, **extra):
    """(location, lastmod) of every <url> in /sitemap.xml, parsed as XML."""
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = ET.fromstring(response.content)
    return [
        (url.findtext("sm:loc", namespaces=SITEMAP), url.findtext("sm:lastmod", namespaces=SITEMAP))
        for url in document.findall("sm:url", SITEMAP)
    ]


def head_meta(response):
    """Every <meta> by its name or property, e.g. {"og:title": ["…"]}."""
    values = {}
    for attrs in parse_tags(response).find("meta"):
        key = attrs.get("property") or attrs.get("name")
        if key:
            values.setdefault(key, []).append(attrs.get("content", ""))
    return values


def canonical_links(response):
    return [attrs for attrs in parse_tags(response).find("link") if attrs.get("rel") == "canonical"]


def json_ld_documents(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def png_image(title, size=(1600, 900)):
    """A Wagtail image with a real PNG file drawn by Pillow."""
    buffer = BytesIO()
    PillowImage.new("RGB", size, "#2044aa").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="teaser.png"))


# Sitemap


def test_sitemap_lists_every_live_page_once_and_nothing_else(client):
    entries = sitemap_entries(client)
    locations = [location for location, _ in entries]

    assert len(locations) == len(set(locations)), "a page is listed twice"
    assert sorted(locations) == sorted(page.full_url for page in live_pages())
    for location, lastmod in entries:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or ""), f"{location} has no lastmod"


def test_sitemap_leaves_out_feeds_cards_calendars_and_embeds(client, demo_page):
    locations = [location for location, _ in sitemap_entries(client)]

    assert demo_page("aktuelles").full_url in locations
    for location in locations:
        assert not any(route in location for route in SUB_ROUTES), location


def test_sitemap_uses_the_sites_root_url_whatever_host_was_asked(client, root_url):
    locations = [location for location, _ in sitemap_entries(client, HTTP_HOST="portal.example")]

    assert locations
    assert all(location.startswith(root_url + "/") for location in locations)


def test_sitemap_leaves_out_private_and_unpublished_pages(client, demo_page):
    private, withdrawn = demo_page("impressum"), demo_page("datenschutz")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    withdrawn.unpublish()

    locations = [location for location, _ in sitemap_entries(client)]

    assert private.full_url not in locations
    assert withdrawn.full_url not in locations
    assert demo_page("aktuelles").full_url in locations


# robots.txt


def test_robots_txt_lets_crawlers_read_every_page_and_names_the_sitemap(client, root_url):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {root_url}/sitemap.xml" in lines
    for path in ("/admin/", "/api/", "/newsletter-abo/bestaetigen/", "/newsletter-abo/abmelden/"):
        assert f"Disallow: {path}" in lines

    robots = RobotFileParser()
    robots.parse(lines)
    for page in live_pages():
        assert robots.can_fetch("Googlebot", page.full_url), page.url_path
    assert robots.can_fetch("Googlebot", f"{root_url}/sitemap.xml")
    assert robots.can_fetch("Googlebot", f"{root_url}/static/images/share-default.png")
    assert not robots.can_fetch("Googlebot", f"{root_url}/admin/pages/")
    assert not robots.can_fetch("Googlebot", f"{root_url}/newsletter-abo/bestaetigen/abc123/")


# Head of every page


def test_every_live_page_has_canonical_description_and_share_tags(client, root_url):
    for page in live_pages():
        response = client.get(page.url)
        meta = head_meta(response)
        where = page.url_path

        canonical = canonical_links(response)
        assert len(canonical) == 1, f"{where}: one canonical link"
        assert canonical[0]["href"] == page.full_url, where
        assert len(meta["description"]) == 1, where
        assert meta["description"][0].strip(), f"{where}: empty description"
        assert meta["og:title"] == [page.seo_title or page.title], where
        assert meta["og:url"] == [page.full_url], where
        assert meta["og:description"] == meta["description"], where
        assert meta["og:site_name"] == ["regionen.NRW"], where
        assert meta["og:locale"] == ["de_DE"], where
        assert meta["og:image"][0].startswith(root_url + "/"), where
        assert meta["twitter:card"] == ["summary_large_image"], where
        assert meta["twitter:image"] == meta["og:image"], where
        assert meta["twitter:title"] == meta["og:title"], where


def test_description_prefers_search_description_then_teaser_text(client, demo_page):
    home = demo_page("")
    assert head_meta(client.get(home.url))["description"] == [" ".join(home.search_description.split())]

    news = NewsPage.objects.live().filter(search_description="").first()
    description = head_meta(client.get(news.url))["description"][0]
    assert description
    assert " ".join(news.intro.split()).startswith(description.rstrip("…"))


def test_page_without_any_text_falls_back_to_the_portal_claim(client, demo_page):
    page = demo_page("").add_child(instance=ContentPage(title="Leere Seite", slug="leere-seite"))
    page.save_revision().publish()

    meta = head_meta(client.get(page.url))

    assert meta["description"] == ["Portal der Regionalmanagements in Nordrhein-Westfalen"]
    assert page_description(Page(title="ohne Text"), "Rückfall") == "Rückfall"


def test_long_descriptions_are_cut_at_a_word():
    text = "Wort " * 100
    short = shorten(text)
    assert len(short) <= 300
    assert short.endswith("Wort…")
    assert shorten("  zwei\n Zeilen ") == "zwei Zeilen"


def test_news_is_shared_as_an_article_everything_else_as_a_website(client, demo_page):
    news = NewsPage.objects.live().first()
    meta = head_meta(client.get(news.url))
    assert meta["og:type"] == ["article"]
    assert meta["article:published_time"] == [news.date.isoformat()]

    meta = head_meta(client.get(demo_page(DUESSELDORF).url))
    assert meta["og:type"] == ["website"]
    assert "article:published_time" not in meta


def test_page_without_image_shares_the_default_image(client, demo_page, root_url):
    meta = head_meta(client.get(demo_page("aktuelles").url))

    assert meta["og:image"] == [f"{root_url}/static/{DEFAULT_SHARE_IMAGE}"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    with PillowImage.open(finders.find(DEFAULT_SHARE_IMAGE)) as image:
        assert image.size == (1200, 630)
    assert client.get(f"/static/{DEFAULT_SHARE_IMAGE}").status_code == 200


def test_page_with_teaser_image_shares_its_rendition(client, demo_page, root_url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = png_image("Blick über den Rhein")
    region = demo_page(DUESSELDORF)
    region.listing_image = image
    region.save_revision().publish()

    meta = head_meta(client.get(region.url))

    rendition = image.get_rendition("fill-1200x630")
    assert meta["og:image"] == [root_url + rendition.url]
    assert ".fill-1200x630" in rendition.url
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    assert meta["og:image:alt"] == ["Blick über den Rhein"]
    assert meta["twitter:image"] == meta["og:image"]


def test_shared_url_of_a_tag_page_is_the_tag_page(client, demo_page):
    news = NewsPage.objects.live().filter(fields_of_action__isnull=False).first()
    tag = news.fields_of_action.first()
    index = demo_page("aktuelles")

    meta = head_meta(client.get(f"{index.url}thema/{tag.slug}/"))

    assert meta["og:url"] == [f"{index.full_url}thema/{tag.slug}/"]


# Views without a page


@pytest.mark.parametrize(
    ("url", "status", "head_title", "title"),
    [
        ("/diese-seite-gibt-es-nicht/", 404, "Seite nicht gefunden – regionen.NRW", "regionen.NRW"),
        ("/newsletter-abo/anmelden/", 200, "Newsletter bestellen – regionen.NRW", "Newsletter bestellen"),
    ],
)
def test_views_without_a_page_still_have_valid_head_tags(client, root_url, url, status, head_title, title):
    response = client.get(url)
    meta = head_meta(response)

    assert response.status_code == status
    assert f"<title>{head_title}</title>" in visible_text(response)
    assert meta["robots"] == ["noindex"]
    assert not canonical_links(response)
    assert meta["description"] == ["Portal der Regionalmanagements in Nordrhein-Westfalen"]
    assert meta["og:title"] == [title]
    assert meta["og:url"] == [root_url + url]
    assert meta["og:image"] == [f"{root_url}/static/{DEFAULT_SHARE_IMAGE}"]


# JSON-LD of the home page


def home_graph(client):
    documents = json_ld_documents(client.get("/"))
    graphs = [document["@graph"] for document in documents if "@graph" in document]
    assert len(graphs) == 1
    return {item["@type"]: item for item in graphs[0]}


def test_home_page_describes_the_organisation_and_the_website(client, demo_page, root_url):
    graph = home_graph(client)
    organisation, website = graph["Organization"], graph["WebSite"]

    assert organisation["name"] == "regionen.NRW"
    assert organisation["url"] == demo_page("").full_url
    assert organisation["logo"] == f"{root_url}/static/{LOGO}"
    assert finders.find(LOGO)
    assert website["name"] == "regionen.NRW"
    assert website["url"] == demo_page("").full_url
    assert website["inLanguage"] == "de"
    assert website["publisher"] == {"@id": organisation["@id"]}
    search = website["potentialAction"]
    assert search["@type"] == "SearchAction"
    assert search["target"]["urlTemplate"] == f"{root_url}/suche/?q={{search_term_string}}"
    assert search["query-input"] == "required name=search_term_string"


def test_home_page_organisation_carries_the_publisher_from_the_settings(client, db):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.publisher_name = "Regionalmanagement Beispiel e. V."
    portal.publisher_street = "Auf'm Hennekamp 45"
    portal.publisher_postal_code = "40225"
    portal.publisher_locality = "Düsseldorf"
    portal.publisher_phone = "+49 211 8995680"
    portal.publisher_email = "info@regionen.nrw.example"
    portal.save()

    organisation = home_graph(client)["Organization"]

    assert organisation["legalName"] == "Regionalmanagement Beispiel e. V."
    assert organisation["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Auf'm Hennekamp 45",
        "postalCode": "40225",
        "addressLocality": "Düsseldorf",
        "addressCountry": "DE",
    }
    assert organisation["telephone"] == "+492118995680"
    assert organisation["email"] == "info@regionen.nrw.example"
