"""Responsive images: <picture> with AVIF/WebP sources, width and height, lazy below the first screen."""

import json
import re

import pytest
from wagtail.images import get_image_model

from contacts.models import RegionContactPerson
from core.images import AVIF_SUPPORTED, STYLES, filter_specs
from core.templatetags.image_tags import portal_picture
from news.models import NewsPage
from tests.conftest import TagCollector, parse_tags, visible_text
from tests.factories import ContactPersonPageFactory, ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

PICTURE = re.compile(r"<picture>.*?</picture>", re.S)
MODERN_TYPES = ["image/avif"] if AVIF_SUPPORTED else []  # the <img> itself is WebP


def picture_tags(html):
    """Each <picture> in `html` as (source attributes, img attributes)."""
    found = []
    for match in PICTURE.finditer(html):
        tags = TagCollector()
        tags.feed(match.group())
        found.append((tags.find("source"), tags.find("img")[0]))
    return found


def picture_after(html, marker):
    """The first <picture> after `marker` (e.g. the start of a figure's HTML)."""
    return picture_tags(html.split(marker, 1)[1])[0]


def teaser_pictures(html):
    return [picture_tags(part)[0] for part in html.split('class="kern-card__media"')[1:]]


def assert_responsive(sources, img, widths=2):
    """WebP <img> with width, height and a srcset; AVIF <source> first where Pillow writes AVIF."""
    assert [source["type"] for source in sources] == MODERN_TYPES
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["src"].endswith(".webp")
    candidates = img["srcset"].split(", ")
    assert len(candidates) == widths and all(re.match(r"\S+\.webp \d+w$", c) for c in candidates)
    assert "sizes" in img
    for source in sources:
        assert source["srcset"].count(".avif ") == widths and source["sizes"] == img["sizes"]


def test_teaser_images_are_lazy_decorative_pictures(client, demo_page):
    html = client.get(demo_page("").url).content.decode()
    found = teaser_pictures(html)
    assert len(found) >= 9  # regions, news and events of the demo content all have images
    for sources, img in found:
        assert_responsive(sources, img)
        assert img["alt"] == ""  # the card's heading names what it links to
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
        assert "fetchpriority" not in img


def test_region_key_visual_is_in_the_first_screen_with_its_credit(client, demo_page):
    response = client.get(demo_page("metropole-ruhr").url)
    html = response.content.decode()
    assert html.count('<figure class="portal-lead-image') == 1
    sources, img = picture_after(html, '<figure class="portal-lead-image')
    assert_responsive(sources, img)
    assert img["fetchpriority"] == "high" and "loading" not in img
    assert "Metropole Ruhr" in img["alt"]
    assert (int(img["width"]), int(img["height"])) == (800, 400)  # the banner's 2:1
    assert "Grafik: regionen.NRW Portal, generiert, CC0 1.0" in visible_text(response)
    # The key visual comes before the page's teasers, which stay lazy.
    assert html.index("portal-lead-image") < html.index("kern-card__media")


def test_news_lead_image_with_credit_and_source_link(client, demo_page):
    image = ImageFactory(
        file__width=1200,
        file__height=675,
        description="Blick über den Rhein",
        creator="Stadt Düsseldorf",
        licence="CC BY 4.0",
        source="https://bilder.example/rhein",
    )
    item = NewsPageFactory(parent=demo_page("metropole-ruhr"), listing_image=image)
    response = client.get(item.url)
    sources, img = picture_after(response.content.decode(), '<figure class="portal-lead-image')
    assert_responsive(sources, img)
    assert (img["alt"], img["fetchpriority"], img["width"], img["height"]) == (
        "Blick über den Rhein",
        "high",
        "800",
        "450",
    )
    text = visible_text(response)
    assert "Bild: Stadt Düsseldorf, CC BY 4.0" in text
    links = [a for a in parse_tags(response).find("a") if a.get("href") == "https://bilder.example/rhein"]
    assert links and links[0]["rel"] == "noopener external"


def test_demo_news_items_show_their_lead_image(client):
    for item in NewsPage.objects.live():
        html = client.get(item.url).content.decode()
        assert html.count('<figure class="portal-lead-image') == 1, item.url_path
        assert picture_after(html, '<figure class="portal-lead-image')[1]["fetchpriority"] == "high"


def test_contact_photos_lazy_on_cards_eager_on_the_persons_page(client, demo_page):
    region = demo_page("metropole-ruhr")
    person = ContactPersonPageFactory(
        parent=demo_page("ansprechpersonen"),
        organisation=demo_page("metropole-ruhr/business-metropole-ruhr"),
        photo=ImageFactory(file__width=600, file__height=600),
    )
    RegionContactPerson.objects.create(page=region, person=person)

    card_html = client.get(region.url).content.decode()
    sources, img = picture_after(card_html, '<article class="kern-card portal-contact-card')
    assert_responsive(sources, img)
    assert (img["loading"], img["alt"], img["width"]) == ("lazy", f"Foto: {person.full_name}", "80")
    assert img["class"] == "portal-contact-card__photo"

    sources, img = picture_after(client.get(person.url).content.decode(), '<div class="portal-person">')
    assert_responsive(sources, img)
    assert img["fetchpriority"] == "high" and "loading" not in img


def test_small_image_gets_one_rendition_per_format_and_no_sizes():
    """A srcset must not name one width twice: Wagtail never enlarges, so a 160 px image has one size."""
    html = portal_picture(ImageFactory(), "teaser", alt="")
    tags = TagCollector()
    tags.feed(html)
    img = tags.find("img")[0]
    assert (img["width"], img["height"]) == ("160", "90")
    assert "srcset" not in img and "sizes" not in img
    assert all("sizes" not in source and " " not in source["srcset"] for source in tags.find("source"))


def test_no_image_renders_nothing():
    assert portal_picture(None, "teaser") == ""


def test_rendering_makes_exactly_the_renditions_listings_prefetch():
    """Templates and prefetches name the same renditions: both take them from the image style."""
    image = ImageFactory(file__width=1200, file__height=675)
    for style in STYLES:
        portal_picture(image, style)
        made = set(image.renditions.values_list("filter_spec", flat=True))
        assert set(filter_specs(style)) <= made
    assert made == set(filter_specs(*STYLES))


@pytest.mark.parametrize(
    ("creator", "licence", "credit"),
    [
        ("Stadt Essen", "CC BY 4.0", "Bild: Stadt Essen, CC BY 4.0"),
        ("Foto: Erika Beispiel", "", "Foto: Erika Beispiel"),
        ("", "CC0 1.0", "Bild: CC0 1.0"),
        ("", "", ""),
    ],
)
def test_credit_line(creator, licence, credit):
    image = get_image_model()(title="x", creator=creator, licence=licence)
    assert image.credit == credit


def test_image_block_keeps_its_alt_text_or_is_decorative(client, demo_page):
    image = ImageFactory(file__width=1200, file__height=675, description="Beschreibung aus der Mediathek")
    page = demo_page("leichte-sprache")
    page.body = json.dumps(
        [
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Karte der Region", "decorative": False},
            },
            {"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": True}},
        ]
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    figures = picture_tags(html.split('<figure class="portal-figure">', 1)[1])
    assert [img["alt"] for _sources, img in figures[:2]] == ["Karte der Region", ""]
    for sources, img in figures[:2]:
        assert_responsive(sources, img)
        assert img["loading"] == "lazy"


def test_a_listing_image_still_finds_renditions_it_did_not_prefetch(demo_page):
    """E.g. the newsletter e-mail's own size of an image that its teaser listing prefetched."""
    image = ImageFactory()
    item = NewsPageFactory(parent=demo_page("metropole-ruhr"), listing_image=image)
    existing = image.get_rendition("fill-552x310")
    [listed] = NewsPage.objects.teasers().filter(pk=item.pk)
    assert listed.listing_image.get_rendition("fill-552x310").pk == existing.pk
