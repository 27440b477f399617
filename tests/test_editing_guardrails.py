"""Guardrails in the editor: alt text or "decorative", headings that fit the outline, the checker, German."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import get_page_models

from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import BasePage
from tests.conftest import visible_text

pytestmark = pytest.mark.django_db


def image_value(**values):
    image = get_image_model().objects.create(title="Rathaus", file=get_test_image_file())
    return BodyBlock().child_blocks["image"].to_python({"image": image.pk, **values})


def test_an_image_needs_alt_text_unless_marked_decorative():
    image_block = BodyBlock().child_blocks["image"]
    with pytest.raises(ValidationError):
        image_block.clean(image_value(alt_text="", decorative=False))
    assert image_block.clean(image_value(alt_text="", decorative=True)).decorative
    assert image_block.clean(image_value(alt_text="Das Rathaus von Mettmann", decorative=False))


def test_rich_text_keeps_only_the_heading_levels_below_the_page_title():
    stored = EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(
        "<h1>Titel</h1><h2>Abschnitt</h2><h3>Unterabschnitt</h3><h4>Zu tief</h4>"
    )
    assert "<h2>Abschnitt</h2>" in stored and "<h3>Unterabschnitt</h3>" in stored
    assert "<h1" not in stored and "<h4" not in stored


def checker_configuration(response):
    script = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(script.group(1))


def test_the_accessibility_checker_runs_in_the_page_editor(client, demo_page):
    client.force_login(get_user_model().objects.get(username="redaktion-ruhr"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[demo_page("metropole-ruhr").pk]))
    configuration = checker_configuration(response)
    rules = configuration["options"]["runOnly"]
    assert {"heading-order", "image-alt", "link-name", "p-as-heading"} <= set(rules)
    assert configuration["context"]["include"] == ["main"]
    assert configuration["messages"]["image-alt"]["error_name"] == "Bild ohne Alternativtext"


def test_the_preview_carries_the_checker_but_live_pages_stay_the_same_for_everyone(client, demo_page):
    page = demo_page("metropole-ruhr")
    anonymous = client.get(page.url)
    client.force_login(get_user_model().objects.get(username="redaktion-ruhr"))
    signed_in = client.get(page.url)
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))

    assert "wagtail-userbar" not in anonymous.content.decode()
    assert "wagtail-userbar" not in signed_in.content.decode()
    assert "Cookie" not in anonymous.get("Vary", "")  # cacheable whole, whoever asks
    assert "wagtail-userbar" in preview.content.decode()


def page_models():
    return [model for model in get_page_models() if issubclass(model, BasePage)]


def panel_field_names(model):
    """The model fields an editor sees in the page editor's tabs."""
    form_class = model.get_edit_handler().get_form_class()
    return [name for name in form_class.base_fields if name in {f.name for f in model._meta.get_fields()}]


def test_every_field_an_editor_sees_has_a_german_label(admin_client):
    models = page_models()
    assert len(models) == 16
    english_defaults = [
        f"{model.__name__}.{name}"
        for model in models
        for name in panel_field_names(model)
        if str(model._meta.get_field(name).verbose_name) == name.replace("_", " ")
    ]
    assert english_defaults == []


def test_the_editor_speaks_german_and_offers_submission_not_publishing(client, demo_page):
    client.force_login(get_user_model().objects.get(username="redaktion-ruhr"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[demo_page("metropole-ruhr").pk]))
    text = visible_text(response)
    assert "In Redaktion → Freigabe einreichen" in text  # Wagtail's own action menu, in German
    assert "Entwurf speichern" in text
    assert 'name="action-publish"' not in response.content.decode()
    assert "Pflege und Prüfung" in text and "Verantwortlich" in text
