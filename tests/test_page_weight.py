"""Bytes on the wire: what a first visit to the main pages transfers stays within its budget.

Counted as production sends it: the HTML compressed by the compression middleware (gzip here;
brotli, which browsers ask for, is smaller), stylesheets and scripts as whitenoise's precompressed
gzip files, every font the stylesheets can load (all cuts, although a page needs only some), and
the images a phone loads on arrival: every image that is not lazy, at the largest size its srcset
offers (a phone picks a smaller one). So the real transfer is below these figures.
"""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from tests.conftest import TagCollector
from tools import subset_fonts

pytestmark = pytest.mark.django_db

# The targets: HTML + CSS + JS at most 40 KB compressed; the home page with fonts and
# images at most 150 KB.
TEXT_BUDGET = 40 * 1024
HOME_BUDGET = 150 * 1024
PAGES = ["", "metropole-ruhr", "aktuelles", "metropole-ruhr/kraftwerksflaechen-neu-nutzen"]


def static_file(url):
    path = finders.find(url.removeprefix("/static/"))
    assert path, url
    return Path(path).read_bytes()


def gzipped(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def transfer(url):
    """Bytes of each kind a first visit to url loads, as counted above."""
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    collector = TagCollector()
    collector.feed(gzip.decompress(response.content).decode())
    tags = collector.tags
    sizes = {"html": len(response.content), "css": 0, "js": 0, "fonts": 0, "images": 0}
    for tag, attrs in tags:
        if tag == "link" and attrs.get("rel") == "stylesheet":
            sizes["css"] += gzipped(static_file(attrs["href"]))
        if tag == "script" and attrs.get("src"):
            sizes["js"] += gzipped(static_file(attrs["src"]))
    sizes["fonts"] = sum(path.stat().st_size for path in font_files())
    sizes["images"] = sum(image_bytes(img, sources) for img, sources in images(tags))
    return sizes


def images(tags):
    """Each <img> with the <source> elements of its <picture>."""
    sources = []
    for tag, attrs in tags:
        if tag == "picture":
            sources = []
        elif tag == "source":
            sources.append(attrs)
        elif tag == "img":
            yield attrs, sources
            sources = []


def font_files():
    return [subset_fonts.OUTPUT_DIR / face.file for face in subset_fonts.FACES]


def image_bytes(img, sources):
    """The largest candidate of a non-lazy image, its <picture> sources included."""
    if img.get("loading") == "lazy":
        return 0
    candidates = [img.get("src", ""), *srcset_urls(img.get("srcset", ""))]
    for source in sources:
        candidates += srcset_urls(source.get("srcset", ""))
    return max((media_size(url) for url in candidates if url), default=0)


def srcset_urls(srcset):
    return [candidate.strip().split(" ")[0] for candidate in srcset.split(",") if candidate.strip()]


def media_size(url):
    if url.startswith(settings.MEDIA_URL):
        return (Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)).stat().st_size
    if url.startswith(settings.STATIC_URL):
        return len(static_file(url))
    return 0


@pytest.mark.parametrize("path", PAGES)
def test_html_css_and_js_within_40_kb(demo_page, path):
    sizes = transfer(demo_page(path).url)
    text = sizes["html"] + sizes["css"] + sizes["js"]
    assert text <= TEXT_BUDGET, sizes


def test_home_page_with_fonts_and_images_within_150_kb(demo_page):
    sizes = transfer(demo_page("").url)
    assert sum(sizes.values()) <= HOME_BUDGET, sizes
