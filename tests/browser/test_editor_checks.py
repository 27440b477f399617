"""In the page editor, Wagtail's accessibility checker runs on the preview and names the problem."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from regions.models import RegionPage
from tests.browser.helpers import log_in
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.browser


def test_checker_flags_a_file_name_used_as_alt_text(demo_site, page):
    region = RegionPage.objects.get(slug="metropole-ruhr")
    image = get_image_model().objects.create(
        title="Foto", file=get_test_image_file(), collection=Collection.objects.get(name="Metropole Ruhr")
    )
    news = NewsPageFactory(
        parent=region,
        title="Meldung mit Bild",
        body=[("image", {"image": image, "alt_text": "IMG_2041.jpg", "decorative": False})],
    )
    log_in(page, demo_site.url, "redaktion-ruhr")

    page.goto(demo_site.url + reverse("wagtailadmin_pages:edit", args=[news.pk]))
    page.locator('[data-side-panel-toggle="checks"]').click()

    expect(page.locator("[data-content-checker-count]")).to_have_text("1", timeout=20_000)
    expect(page.locator("[data-checks-panel]")).to_contain_text("Bild-Alt-Text hat unpassendes Muster")
