"""Shared fixtures: the whole demo page tree is loaded once into the test database."""

import html
import socket
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Page

from core.images import warm_renditions
from demo.loader import DemoContentLoader
from news.models import NewsPage
from regions.models import RegionPage


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Images the tests store (the demo graphics, their renditions) go to a temporary folder."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session")
def django_db_setup(media_root, django_db_setup, django_db_blocker):
    """Load the demo content once; every test runs inside a transaction rolled back after it.

    The renditions the demo pages show are made here once too: made inside a test they would be
    rolled back with it and encoded again (AVIF takes a fraction of a second per rendition).
    """
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)
        warm_demo_renditions()


def warm_demo_renditions():
    """Teaser renditions of every demo image, plus the key visuals of regions and lead images of news."""
    warm_renditions(get_image_model().objects.all(), "teaser")
    for model, style in ((RegionPage, "key_visual"), (NewsPage, "lead")):
        pages = model.objects.filter(listing_image__isnull=False).select_related("listing_image")
        warm_renditions([page.listing_image for page in pages], style)


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Tests never reach the internet: only 127.0.0.1 and localhost resolve, no proxy is used.

    External servers (e.g. for the link check) are local test servers; a real host name fails
    like a DNS error would.
    """
    resolve = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host in ("127.0.0.1", "localhost"):
            return resolve(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "*")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave its values behind."""
    yield
    cache.clear()


@pytest.fixture
def demo_page(db):
    """Look up a demo page by its path below the home page, e.g. demo_page("aktuelles")."""

    def lookup(path):
        return DemoContentLoader([]).resolve(path)

    return lookup


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktion", "redaktion@example.org", "geheim-123")
    client.force_login(user)
    return client


def visible_text(response):
    """The response body with HTML entities decoded, for checking what a reader sees."""
    return html.unescape(response.content.decode())


class TagCollector(HTMLParser):
    """Collects start tags with their attributes, e.g. to count <h1> or find external URLs."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def parse_tags(response):
    collector = TagCollector()
    collector.feed(response.content.decode())
    return collector


def live_pages():
    """Every live page below the tree root, as specific pages."""
    return [page.specific for page in Page.objects.live().filter(depth__gt=1).order_by("path")]
