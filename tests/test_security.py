"""Security: headers and CSP, upload checks, rich text sanitising (sign-in: test_login_security.py)."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core.blocks import RICH_TEXT_FEATURES
from tests.conftest import TagCollector, live_pages, parse_tags, visible_text

pytestmark = pytest.mark.django_db

PERSON = "region-duesseldorf-kreis-mettmann/dr-kai-bueter"
ORGANISATION = "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
LOGIN_URL = "/admin/login/"
PASSWORD = "richtiges-passwort-42"


def csp_directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


# --- Headers and Content-Security-Policy -------------------------------------------------------


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in policy


def test_public_page_has_a_strict_policy(client, demo_page):
    response = client.get(demo_page(PERSON).url)

    assert response.status_code == 200
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_public_pages_need_nothing_the_policy_forbids(client, db):
    """No inline scripts, style attributes or event handlers on any page.

    Scripts are files from /static/; JSON-LD blocks are data, which script-src does not govern.
    """
    json_ld_blocks = 0
    for page in live_pages():
        response = client.get(page.url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        tags = parse_tags(response)
        for script in tags.find("script"):
            if script.get("type") == "application/ld+json":
                json_ld_blocks += 1
            else:
                assert script.get("src", "").startswith("/static/"), f"inline script on {page.url}"
        for tag, attrs in tags.tags:
            assert "style" not in attrs, f"<{tag} style> on {page.url}"
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"<{tag} {handlers}> on {page.url}"
    assert json_ld_blocks, "the pages carry JSON-LD"


def test_embeddable_card_may_be_framed_by_any_site(client, demo_page):
    response = client.get(demo_page(PERSON).url + "karte/")

    assert response.status_code == 200
    assert_common_headers(response)
    assert "X-Frame-Options" not in response
    csp = csp_directives(response)
    assert csp["frame-ancestors"] == ["*"]
    assert csp["script-src"] == ["'self'"]


def test_admin_login_has_the_admin_policy(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    csp = csp_directives(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert not response.cookies.get("sessionid")


def test_admin_preview_can_be_framed_by_the_admin(admin_client, demo_page):
    """The side-panel preview renders the public page inside the admin's same-origin iframe."""
    page = demo_page("datenschutz")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "intro": "Vorschau-Probe", "body": streamfield([])}
    )
    assert admin_client.post(url, data).json()["is_valid"]

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "Vorschau-Probe" in visible_text(response)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == ["'self'"]


# --- Uploads -----------------------------------------------------------------------------------


def png_bytes(width=4, height=4):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), "#1e40af").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(admin_client, name, content, content_type):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Testbild",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def test_a_broken_image_gives_a_form_error_not_a_server_error(admin_client):
    count = get_image_model().objects.count()
    response = upload_image(admin_client, "kaputt.jpg", b"\xff\xd8\xff kein echtes JPEG " * 50, "image/jpeg")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == count


def test_a_truncated_image_gives_a_form_error(admin_client):
    buffer = io.BytesIO()
    PillowImage.effect_noise((200, 200), 64).convert("RGB").save(buffer, "JPEG", quality=95)
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]

    response = upload_image(admin_client, "halb.jpg", truncated, "image/jpeg")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_a_valid_image_is_still_accepted(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    count = get_image_model().objects.count()
    response = upload_image(admin_client, "gut.png", png_bytes(), "image/png")

    assert response.status_code == 302
    assert get_image_model().objects.count() == count + 1


def test_an_image_whose_content_does_not_match_its_extension_is_refused(admin_client):
    response = upload_image(admin_client, "getarnt.jpg", png_bytes(), "image/jpeg")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_image_formats_and_limits_are_set():
    from django.conf import settings

    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 200 * 1024 * 1024  # sign-language videos
    assert {"webm", "mp4"} <= set(settings.WAGTAILDOCS_EXTENSIONS)


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100)
def test_an_image_with_too_many_pixels_is_refused(admin_client):
    response = upload_image(admin_client, "riesig.png", png_bytes(20, 20), "image/png")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_a_too_large_document_is_refused(admin_client):
    count = Document.objects.count()
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Zu groß",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(
                "gross.pdf", b"%PDF-1.4\n" + b"0" * 4096, content_type="application/pdf"
            ),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Document.objects.count() == count


def test_a_document_type_outside_the_list_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Skript",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("seite.html", b"<script>alert(1)</script>", content_type="text/html"),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]


# --- Rich text ---------------------------------------------------------------------------------

HOSTILE_HTML = (
    '<p onclick="alert(1)">Hallo <script>alert(2)</script>'
    '<a href="javascript:alert(3)" onmouseover="alert(4)">Link</a>'
    '<img src="x" onerror="alert(5)"><iframe src="https://evil.example/"></iframe></p>'
)


def assert_harmless(html):
    """No script or frame elements, no event handler attributes, no javascript: links."""
    collector = TagCollector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag not in {"script", "iframe", "object", "embed"}, f"<{tag}> survived in {html!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{name}= survived in {html!r}"
            assert not (value or "").strip().lower().startswith("javascript:"), f"{value} in {html!r}"


def test_the_html_whitelister_strips_scripts_and_event_handlers():
    html = EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(HOSTILE_HTML)

    assert_harmless(html)
    assert "Hallo" in html


def hostile_contentstate():
    """What a manipulated Draftail editor could post: markup as text, a javascript: link."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": 'Klick <script>alert(1)</script><b onclick="alert(2)">fett</b>',
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                },
            ],
            "entityMap": {
                "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(3)"}},
            },
        }
    )


def test_editor_input_is_sanitised_on_save_and_on_the_rendered_page(client, demo_page):
    widget = DraftailRichTextArea(features=RICH_TEXT_FEATURES)
    stored = widget.value_from_datadict({"services": hostile_contentstate()}, {}, "services")
    assert_harmless(stored)

    organisation = demo_page(ORGANISATION)
    organisation.services = stored
    organisation.save_revision().publish()
    response = client.get(organisation.url)

    assert response.status_code == 200
    body = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, "the markup shows as text"
    main = body.split('<main id="inhalt"', 1)[1].split("</main>", 1)[0]
    assert_harmless(main)
