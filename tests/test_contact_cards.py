"""Contact cards partners rely on: vCard, permanent short URLs, redirects, embedding, QR code, JSON-LD."""

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
import vobject
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from contacts.models import ContactIndexPage
from tests.conftest import visible_text

pytestmark = pytest.mark.django_db

BUETER = "region-duesseldorf-kreis-mettmann/dr-kai-bueter"
STERTZ = "region-duesseldorf-kreis-mettmann/paul-stertz"
MANAGEMENT = "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
BMR = "metropole-ruhr/business-metropole-ruhr"
BECK = "metropole-ruhr/rasmus-c-beck"


def download_vcard(client, page):
    response = client.get(page.url + "vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}.vcf"'
    return vobject.readOne(response.content.decode("utf-8"))


def json_ld(response, schema_type):
    """The page's JSON-LD block of the given @type."""
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    documents = [json.loads(block) for block in blocks]
    matching = [document for document in documents if document.get("@type") == schema_type]
    assert len(matching) == 1, f"expected one {schema_type} block, got {[d.get('@type') for d in documents]}"
    return matching[0]


def test_person_vcard_parses_with_every_field(client, demo_page):
    card = download_vcard(client, demo_page(BUETER))

    assert card.version.value == "3.0"
    assert card.fn.value == "Dr. Kai Büter"
    assert (card.n.value.prefix, card.n.value.given, card.n.value.family) == ("Dr.", "Kai", "Büter")
    assert card.org.value == ["Regionalmanagement Düsseldorf – Kreis Mettmann"]
    address = card.adr.value
    assert (address.street, address.code, address.city, address.country) == (
        "Auf'm Hennekamp 45",
        "40225",
        "Düsseldorf",
        "Deutschland",
    )
    assert card.tel.value == "+49 211 8996712"
    assert card.tel.params["TYPE"] == ["WORK", "VOICE"]
    assert card.email.value == "kai.bueter@duesseldorf.de"
    assert card.url.value == "https://regionalmanagement-d-me.de/"


def test_person_vcard_carries_the_role(client, demo_page):
    card = download_vcard(client, demo_page(BECK))
    assert card.title.value == "Vorsitzender der Geschäftsführung"
    assert card.org.value == ["Business Metropole Ruhr GmbH"]
    assert not hasattr(card, "tel")


def test_organisation_vcard_is_marked_as_company(client, demo_page):
    card = download_vcard(client, demo_page(MANAGEMENT))

    assert card.fn.value == "Regionalmanagement Düsseldorf – Kreis Mettmann"
    assert card.x_abshowas.value == "COMPANY"
    assert (
        card.adr.value.extended == "c/o Landeshauptstadt Düsseldorf, Dezernat für Recht, Ordnung und Wohnen"
    )
    assert card.adr.value.street == "Willi-Becker-Allee 6-8"
    assert card.tel.value == "+49 211 8995680"
    assert card.email.value == "regionalmanagement@duesseldorf.de"


def test_vcard_includes_the_photo_as_jpeg(client, demo_page):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (600, 500), "#336699").save(buffer, format="PNG")
    photo = get_image_model().objects.create(title="Porträt", file=ImageFile(buffer, name="portraet.png"))
    person = demo_page(BECK)
    person.photo = photo
    person.save_revision().publish()

    card = download_vcard(client, demo_page(BECK))

    assert card.photo.params["TYPE"] == ["JPEG"]
    decoded = PillowImage.open(io.BytesIO(card.photo.value))
    assert decoded.format == "JPEG"
    assert decoded.size == (400, 400)


def test_short_url_leads_to_the_current_card(client, demo_page):
    person = demo_page(STERTZ)
    response = client.get(f"/k/{person.pk}/")
    assert response.status_code == 302
    assert response["Location"] == person.url


@pytest.mark.parametrize("kind", ["unknown", "news", "draft"])
def test_short_url_answers_404_for_anything_but_a_published_card(client, demo_page, kind):
    if kind == "unknown":
        page_id = 999999
    elif kind == "news":
        page_id = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen").pk
    else:
        person = demo_page(BECK)
        person.unpublish()
        page_id = person.pk
    assert client.get(f"/k/{page_id}/").status_code == 404


def test_renamed_card_keeps_old_links_working(client, demo_page, django_capture_on_commit_callbacks):
    person = demo_page(STERTZ)
    old_url = person.url
    person.slug = "paul-stertz-regionalmanagement"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail creates redirects after commit
        person.save_revision().publish()
    person.refresh_from_db()

    old = client.get(old_url)
    assert old.status_code == 301
    assert old["Location"].endswith("/region-duesseldorf-kreis-mettmann/paul-stertz-regionalmanagement/")
    assert client.get(old["Location"]).status_code == 200
    assert client.get(f"/k/{person.pk}/")["Location"] == person.url


def test_moved_card_keeps_old_links_working(client, demo_page):
    person = demo_page(BECK)
    old_url = person.url
    person.move(ContactIndexPage.objects.get(), pos="last-child")
    person.refresh_from_db()

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/ansprechpersonen/rasmus-c-beck/")
    assert client.get(f"/k/{person.pk}/")["Location"] == person.url


def test_only_the_embeddable_card_may_be_framed(client, demo_page):
    person = demo_page(BUETER)
    embed = client.get(person.url + "karte/")

    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "0211 8996712" in visible_text(embed)
    for url in (person.url, "/", demo_page("partnerverzeichnis").url, person.url + "vcard/"):
        assert client.get(url)["X-Frame-Options"] == "DENY", url


def test_card_page_offers_a_copy_ready_embed_snippet_vcard_and_qr_code(client, demo_page):
    person = demo_page(BUETER)
    text = visible_text(client.get(person.url))

    assert f'<iframe src="{person.full_url}karte/"' in text
    assert 'title="Kontaktkarte: Dr. Kai Büter"' in text
    assert f'href="{person.url}vcard/"' in text
    assert f'src="{person.url}qr-code/"' in text
    assert f"/k/{person.pk}/" in text


def test_qr_code_is_an_svg_of_the_short_url(client, demo_page):
    person = demo_page(BUETER)
    response = client.get(person.url + "qr-code/")

    assert response["Content-Type"] == "image/svg+xml"
    svg = ET.fromstring(response.content)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.find("{http://www.w3.org/2000/svg}title").text.endswith(f"/k/{person.pk}/")
    assert svg.find("{http://www.w3.org/2000/svg}path") is not None


def test_person_json_ld_names_the_employer(client, demo_page):
    data = json_ld(client.get(demo_page(BUETER).url), "Person")

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["name"] == "Dr. Kai Büter"
    assert data["honorificPrefix"] == "Dr."
    assert data["telephone"] == "+492118996712"
    assert data["email"] == "kai.bueter@duesseldorf.de"
    assert data["address"]["postalCode"] == "40225"
    assert data["worksFor"]["@type"] == "GovernmentOrganization"
    assert data["worksFor"]["name"] == "Regionalmanagement Düsseldorf – Kreis Mettmann"


def test_organisation_json_ld_has_address_contact_data_and_profiles(client, demo_page):
    organisation = demo_page(BMR)
    organisation.social_links = [
        ("link", {"text": "LinkedIn", "url": "https://www.linkedin.com/company/bmr"})
    ]
    organisation.save_revision().publish()

    data = json_ld(client.get(organisation.url), "Organization")

    assert data["@type"] == "Organization"
    assert data["name"] == "Business Metropole Ruhr GmbH"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Am Thyssenhaus 1-3",
        "postalCode": "45128",
        "addressLocality": "Essen",
        "addressCountry": "DE",
    }
    assert data["telephone"] == "+492016324880"
    assert data["email"] == "info@business.ruhr"
    assert data["sameAs"] == ["https://www.linkedin.com/company/bmr"]
    assert data["employee"][0]["name"] == "Rasmus C. Beck"


def test_government_organisation_json_ld_lists_its_carriers(client, demo_page):
    data = json_ld(client.get(demo_page(MANAGEMENT).url), "GovernmentOrganization")
    assert data["@type"] == "GovernmentOrganization"
    assert {carrier["name"] for carrier in data["parentOrganization"]} == {
        "Landeshauptstadt Düsseldorf",
        "Kreis Mettmann",
        "Industrie- und Handelskammer zu Düsseldorf",
    }


def test_phone_numbers_are_validated(demo_page):
    from django.core.exceptions import ValidationError

    person = demo_page(BUETER)
    person.phone = "12"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "phone" in error.value.message_dict
