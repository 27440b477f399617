"""Page cache: anonymous visitors get stored pages until content changes; editors never do.

Every kind of change that can alter a public page (publish, unpublish, move, delete, scheduled
go-live and expiry, portal settings, tags, images, documents, redirects) must make the next
anonymous request render afresh. The tests read the X-Page-Cache header (hit/miss) and the body.
"""

import datetime
import gzip
import io

import brotli
import pytest
import time_machine
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.models import PortalSettings
from pagecache.generation import GENERATION_KEY, page_cache
from tests.conftest import visible_text
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a change schedules for after its commit (tests run inside one transaction)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def fetch(url, **headers):
    return Client(**headers).get(url)


def cache_status(url, **headers):
    return fetch(url, **headers).headers.get("X-Page-Cache")


def warm(url):
    first, second = fetch(url), fetch(url)
    assert first.status_code == second.status_code == 200, url
    assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit"), url
    assert first.content == second.content
    return second


def publish(page):
    page.save_revision().publish()


def make_image(title="Testbild"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "#2a6f97").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="testbild.png"))


# --- What is cached, and how it is sent ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/metropole-ruhr/",
        "/aktuelles/",
        "/aktuelles/?region=metropole-ruhr",
        "/metropole-ruhr/feed/rss/",
        "/metropole-ruhr/kalender/",
        "/sitemap.xml",
        "/robots.txt",
        "/suche/?q=Ruhr",
    ],
)
def test_public_responses_are_served_from_the_cache(demo_page, path):
    warm(path)


def test_a_hit_renders_nothing(demo_page):
    url = demo_page("aktuelles").url
    warm(url)
    with CaptureQueriesContext(connection) as queries:
        assert cache_status(url) == "hit"
    assert len(queries) == 0


def test_cached_pages_carry_validators_and_answer_conditional_requests(demo_page):
    response = warm(demo_page("metropole-ruhr").url)
    assert response["Cache-Control"] == "max-age=0, must-revalidate"
    assert response["ETag"].startswith('"')
    assert "Last-Modified" in response
    assert not response.cookies

    url = demo_page("metropole-ruhr").url
    assert fetch(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert fetch(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    assert fetch(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_pages_vary_on_encoding_only(demo_page):
    response = warm(demo_page("aktuelles").url)
    assert response["Vary"] == "Accept-Encoding"


@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [("gzip, deflate, br", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
def test_html_is_compressed_as_the_client_asks(demo_page, accept, encoding, decompress):
    url = demo_page("metropole-ruhr").url
    plain = fetch(url)
    assert "Content-Encoding" not in plain
    for expected in ("miss", "hit"):
        response = fetch(url, HTTP_ACCEPT_ENCODING=accept)
        assert response["X-Page-Cache"] == expected
        assert response["Content-Encoding"] == encoding
        assert decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content) / 3


def test_unknown_query_parameters_share_the_cached_page(demo_page):
    url = demo_page("aktuelles").url
    warm(url + "?region=metropole-ruhr")
    assert cache_status(url + "?utm_source=newsletter&region=metropole-ruhr") == "hit"
    assert cache_status(url + "?x=1") == "miss"
    assert cache_status(url + "?y=2") == "hit"


def test_known_parameters_keep_their_own_pages(demo_page):
    url = demo_page("aktuelles").url
    warm(url)
    filtered = fetch(url + "?region=metropole-ruhr")
    assert filtered["X-Page-Cache"] == "miss"
    assert "Kraftwerksflächen" in visible_text(filtered)
    assert "Kraftwerksflächen" not in visible_text(fetch(url + "?region=bergisches-staedtedreieck"))


def test_overlong_query_strings_are_rendered_but_not_stored(demo_page):
    url = demo_page("aktuelles").url + "?q=" + "x" * 400
    assert fetch(url)["X-Page-Cache"] == "bypass"
    assert fetch(url)["X-Page-Cache"] == "bypass"


# --- Never cached ------------------------------------------------------------------------------


def test_signed_in_editors_bypass_the_cache(admin_client, demo_page):
    url = demo_page("metropole-ruhr").url
    warm(url)
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_previews_and_the_admin_are_not_cached(admin_client, demo_page):
    page = demo_page("metropole-ruhr")
    preview = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert "X-Page-Cache" not in preview
    assert "X-Page-Cache" not in admin_client.get("/admin/")
    assert "X-Page-Cache" not in fetch("/admin/login/")


def test_posts_are_not_cached(demo_page):
    url = "/barriere-melden/"
    response = Client().post(url, {"message": ""})
    assert "X-Page-Cache" not in response
    assert cache_status(url) == "miss"


def test_responses_that_set_a_cookie_are_not_stored(demo_page):
    page = demo_page("metropole-ruhr")
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=page, restriction_type="password", password="geheim")
    page_cache().clear()
    # Wagtail's password form sends a CSRF cookie with the form: that page must not be shared.
    first = fetch(page.url)
    assert first.cookies
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in fetch(page.url)


def test_a_cache_that_cannot_be_reached_is_a_miss_not_an_error(settings, demo_page):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    for _ in range(2):
        response = fetch(demo_page("metropole-ruhr").url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


def test_visitors_do_not_invalidate_the_cache(demo_page, committed):
    """Renditions, search hit counts, form submissions: nothing a visitor causes empties the cache."""
    generation = warm("/").headers["Last-Modified"]
    stored = page_cache().get(GENERATION_KEY)

    def visit_everything():
        for page in Page.objects.live().public().filter(depth__gt=1):
            Client().get(page.url)
        Client().get("/suche/?q=Ruhr")
        Client().post("/newsletter-abo/anmelden/", {"email": "leserin@example.org", "consent": "on"})
        Client().post("/barriere-melden/", {"message": "Der Kontrast ist zu schwach.", "page_url": "/"})

    committed(visit_everything)
    assert page_cache().get(GENERATION_KEY) == stored
    assert fetch("/").headers["Last-Modified"] == generation


# --- Every kind of change shows at once ---------------------------------------------------------


def test_publishing_shows_at_once(demo_page, committed):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    pages = [demo_page("aktuelles").url, demo_page("metropole-ruhr").url, item.url]
    for url in pages:
        assert "Kraftwerksflächen neu nutzen" in visible_text(warm(url)), url

    item.title = "Kraftwerksflächen werden Gewerbegebiete"
    committed(publish, item)

    for url in pages:
        response = fetch(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Kraftwerksflächen werden Gewerbegebiete" in visible_text(response), url


def test_saving_a_draft_keeps_the_live_page(demo_page, committed):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    warm(item.url)
    item.title = "Entwurf, noch nicht freigegeben"
    committed(item.save_revision)
    assert "Entwurf, noch nicht freigegeben" not in visible_text(fetch(item.url))


def test_unpublishing_shows_at_once(demo_page, committed):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    url, listing = item.url, demo_page("aktuelles").url
    warm(url), warm(listing)
    committed(item.unpublish)
    assert fetch(url).status_code == 404
    assert "Kraftwerksflächen neu nutzen" not in visible_text(fetch(listing))


def test_moving_shows_at_once(demo_page, committed):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    old_url = item.url
    ruhr_listing = demo_page("metropole-ruhr").url
    warm(old_url), warm(ruhr_listing)

    committed(item.move, demo_page("bergisches-staedtedreieck"), pos="last-child")

    new_url = "/bergisches-staedtedreieck/kraftwerksflaechen-neu-nutzen/"
    assert fetch(old_url).headers["Location"] == new_url  # Wagtail's automatic redirect
    assert fetch(new_url).status_code == 200
    assert fetch(ruhr_listing)["X-Page-Cache"] == "miss"


def test_deleting_shows_at_once(demo_page, committed):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    url, listing = item.url, demo_page("aktuelles").url
    warm(url), warm(listing)
    committed(item.delete)
    assert fetch(url).status_code == 404
    assert "Kraftwerksflächen neu nutzen" not in visible_text(fetch(listing))


def test_scheduled_go_live_and_expiry_show_at_once(demo_page, committed):
    listing = demo_page("aktuelles").url
    with time_machine.travel(NOON, tick=False):
        item = committed(
            NewsPageFactory, parent=demo_page("metropole-ruhr"), title="Geplante Meldung", live=False
        )
        item.go_live_at = NOON + datetime.timedelta(minutes=1)
        item.expire_at = NOON + datetime.timedelta(minutes=3)
        committed(publish, item)
        assert "Geplante Meldung" not in visible_text(warm(listing))

    with time_machine.travel(NOON + datetime.timedelta(minutes=2), tick=False):
        assert cache_status(listing) == "hit"
        committed(call_command, "publish_scheduled", verbosity=0)
        response = fetch(listing)
        assert response["X-Page-Cache"] == "miss"
        assert "Geplante Meldung" in visible_text(response)
        assert cache_status(listing) == "hit"

    with time_machine.travel(NOON + datetime.timedelta(minutes=4), tick=False):
        committed(call_command, "publish_scheduled", verbosity=0)
        assert "Geplante Meldung" not in visible_text(fetch(listing))


def test_portal_settings_show_at_once(demo_page, committed):
    warm("/"), warm(demo_page("aktuelles").url)
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.portal_name = "Regionen in NRW"
    committed(portal.save)
    for url in ("/", demo_page("aktuelles").url):
        assert "Regionen in NRW" in visible_text(fetch(url)), url


def test_renamed_tags_show_at_once(demo_page, committed):
    listing = demo_page("aktuelles").url
    tag = Tag.objects.filter(news_newspagetag_items__isnull=False).first()
    assert tag.name in visible_text(warm(listing))
    tag.name = "Umbenanntes Handlungsfeld"
    committed(tag.save)
    assert "Umbenanntes Handlungsfeld" in visible_text(fetch(listing))


def test_image_changes_show_at_once(demo_page, committed):
    item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    item.listing_image = committed(make_image)
    committed(publish, item)
    listing = demo_page("aktuelles").url
    assert (
        "<img"
        in warm(listing).content.decode().split("Kraftwerksflächen neu nutzen")[0].rsplit("<article", 1)[1]
    )

    committed(item.listing_image.delete)
    teaser = fetch(listing).content.decode().split("Kraftwerksflächen neu nutzen")[0].rsplit("<article", 1)[1]
    assert "<img" not in teaser


def test_documents_and_redirects_invalidate(demo_page, committed):
    from wagtail.contrib.redirects.models import Redirect

    url = demo_page("metropole-ruhr").url
    warm(url)
    for change in (
        lambda: get_document_model().objects.create(title="Jahresbericht", file=io_file("bericht.txt")),
        lambda: Redirect.objects.create(old_path="/alt", redirect_link="/aktuelles/"),
    ):
        assert cache_status(url) == "hit"
        committed(change)
        assert cache_status(url) == "miss"


def io_file(name):
    from django.core.files.base import ContentFile

    return ContentFile(b"Jahresbericht 2025", name=name)


def test_a_change_in_another_process_is_seen(demo_page):
    """The generation lives in the shared cache: a bump by anyone else invalidates here too."""
    url = demo_page("aktuelles").url
    warm(url)
    page_cache().set(GENERATION_KEY, "1.0:other-process", None)
    assert cache_status(url) == "miss"
    assert cache_status(url) == "hit"


def test_pages_stored_before_a_change_are_not_served_after_it(demo_page, committed):
    """A render that began before a publish is stored under the old generation and never served."""
    url = demo_page("aktuelles").url
    warm(url)
    stored_generation = page_cache().get(GENERATION_KEY)
    committed(publish, demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen"))
    assert page_cache().get(GENERATION_KEY) != stored_generation
    assert cache_status(url) == "miss"


def test_last_modified_follows_the_last_change(demo_page, committed):
    url = demo_page("aktuelles").url
    with time_machine.travel(NOON, tick=False):
        committed(publish, demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen"))
        assert warm(url)["Last-Modified"] == "Wed, 10 Jun 2026 12:00:00 GMT"
    assert timezone.now() > NOON


def test_every_query_parameter_the_pages_use_is_part_of_the_key(client, settings):
    """Filter, pagination and search parameters in links and GET forms must not be dropped."""
    from urllib.parse import parse_qsl, urlsplit

    from tests.conftest import TagCollector

    used = {}
    for page in Page.objects.live().public().filter(depth__gt=1):
        collector = TagCollector()
        collector.feed(client.get(page.url).content.decode())
        for tag, attrs in collector.tags:
            href = attrs.get("href") or ""
            if tag == "a" and href.startswith(("/", "?")) and "?" in href:
                for name, _value in parse_qsl(urlsplit(href).query, keep_blank_values=True):
                    used.setdefault(name, page.url)
            if tag in ("input", "select") and attrs.get("name") and collector_in_get_form(collector, attrs):
                used.setdefault(attrs["name"], page.url)
    assert {"seite", "region"} <= set(used)
    unknown = {name: url for name, url in used.items() if name not in settings.PAGE_CACHE_QUERY_PARAMETERS}
    assert not unknown, f"add to PAGE_CACHE_QUERY_PARAMETERS (or drop from the page): {unknown}"


def collector_in_get_form(collector, field_attrs):
    """Whether the field belongs to a GET form (filters, search), judged by the last form before it."""
    form = None
    for tag, attrs in collector.tags:
        if tag == "form":
            form = attrs
        if attrs is field_attrs:
            return form is not None and form.get("method", "get").lower() == "get"
    return False


def test_head_requests_are_answered_from_the_cache(demo_page):
    url = demo_page("aktuelles").url
    warm(url)
    response = Client().head(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
