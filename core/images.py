"""How portal images are rendered: named styles shared by the picture tag and the listing prefetches.

A style names the renditions of one place in the layout (teaser card, lead image, contact photo)
and the `sizes` that layout needs. Templates render a style with `{% portal_picture image "teaser" %}`
(core/templatetags/image_tags.py, built on Wagtail's `{% picture %}` machinery) and listings
prefetch exactly those renditions with `renditions("listing_image", "teaser")`, so a list of
teasers takes the same number of queries for 1 and for 100 images.

Every rendition is AVIF and WebP when the installed Pillow encodes AVIF (browsers pick the first
format they support, the WebP one is the <img> fallback), otherwise WebP with a JPEG fallback.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, prefetch_related_objects
from PIL import features
from wagtail.images import get_image_model
from wagtail.images.models import Filter

AVIF_SUPPORTED = features.check("avif")
# Quality settings: AVIF keeps the same visual quality at a lower number than WebP.
FORMATS = ("avif", "webp") if AVIF_SUPPORTED else ("webp", "jpeg")
FORMAT_OPTIONS = {"avif": "avifquality-60", "webp": "webpquality-78", "jpeg": "jpegquality-80"}


@dataclass(frozen=True)
class ImageStyle:
    """Renditions of one place in the layout: resize operations, smallest first, and `sizes`."""

    name: str
    resize: tuple  # e.g. ("fill-480x270", "fill-960x540"): one rendition per width and format
    sizes: str

    @cached_property
    def filter_specs(self):
        """Every rendition's filter spec, e.g. "fill-480x270|format-avif|avifquality-60"."""
        return [
            f"{operation}|format-{image_format}|{FORMAT_OPTIONS[image_format]}"
            for image_format in FORMATS
            for operation in self.resize
        ]

    @cached_property
    def filters(self):
        """The filter specs as Wagtail Filters, parsed once per process (parsing costs ~0.1 ms each)."""
        return [Filter(spec=spec) for spec in self.filter_specs]


STYLES = {
    style.name: style
    for style in (
        # Teaser cards: one column below 40em, two up to 64em, three above in an 80rem container.
        ImageStyle(
            "teaser",
            resize=("fill-480x270", "fill-960x540"),
            sizes="(min-width: 80em) 26rem, (min-width: 64em) 31vw, (min-width: 40em) 47vw, 100vw",
        ),
        # The lead image of a news item, at the top of the main column (2/3 of the container from 62em).
        ImageStyle(
            "lead",
            resize=("fill-800x450", "fill-1200x675"),
            sizes="(min-width: 80em) 52rem, (min-width: 62em) 64vw, 100vw",
        ),
        # The key visual of a region: a wide banner across the whole container.
        ImageStyle(
            "key_visual",
            resize=("fill-800x400", "fill-1280x640"),
            sizes="(min-width: 80em) 80rem, 100vw",
        ),
        # An image block in the text column (46rem at most), in the image's own proportions.
        ImageStyle("body", resize=("width-640", "width-1200"), sizes="(min-width: 50rem) 46rem, 100vw"),
        # A contact person's photo on a contact card (4.5rem) and on the person's page (14rem).
        ImageStyle("card_photo", resize=("fill-80x80", "fill-160x160"), sizes="4.5rem"),
        ImageStyle("person_photo", resize=("fill-240x240", "fill-480x480"), sizes="14rem"),
    )
}


def filter_specs(*styles):
    """The filter specs of the named styles, e.g. filter_specs("teaser")."""
    return [spec for name in styles for spec in STYLES[name].filter_specs]


def renditions(image_path, *styles):
    """Prefetch the renditions of the named styles for the image at `image_path` ("" for images themselves).

    Use it together with select_related of the same path, e.g.
    ``pages.select_related("listing_image").prefetch_related(renditions("listing_image", "teaser"))``
    or ``links.select_related("person__photo").prefetch_related(renditions("person__photo", "card_photo"))``;
    for images already loaded, ``prefetch_related_objects(images, renditions("", "teaser"))``.
    """
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        f"{image_path}__renditions" if image_path else "renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=filter_specs(*styles)),
        # Where Wagtail's own prefetch_renditions() puts them: image.renditions stays a plain
        # manager, so asking for another rendition of the same image still finds it in the database.
        to_attr="prefetched_renditions",
    )


def warm_renditions(images, *styles):
    """Make the renditions of the named styles (of all styles without names) before anyone asks for them."""
    specs = filter_specs(*(styles or STYLES))
    for image in images:
        image.get_renditions(*specs)


# Set while the sections of one page are collected: their teaser lists then leave the renditions
# to one prefetch for the whole page (prefetch_teaser_renditions) instead of one query per list.
_page_batch = contextvars.ContextVar("teaser_rendition_batch", default=False)


def with_teaser_renditions(pages):
    """Pages with their teaser image and its renditions (in a batch: the image only)."""
    pages = pages.select_related("listing_image")
    if _page_batch.get():
        return pages
    return pages.prefetch_related(renditions("listing_image", "teaser"))


@contextmanager
def teaser_renditions_batch():
    token = _page_batch.set(True)
    try:
        yield
    finally:
        _page_batch.reset(token)


def prefetch_teaser_renditions(contexts):
    """One query for the teaser renditions of every page listed in the given section contexts.

    Looks at the pages in each context dict, alone or in lists (evaluated while the batch was on),
    and prefetches for every teaser image that has no renditions yet.
    """
    images = {}
    for context in contexts:
        for value in context.values():
            for item in value if isinstance(value, list | tuple) else [value]:
                if getattr(item, "listing_image_id", None) is None:
                    continue
                image = item.listing_image
                if not hasattr(image, "prefetched_renditions"):
                    images.setdefault(image.pk, []).append(image)
    if images:
        first_of_each = [same[0] for same in images.values()]
        prefetch_related_objects(first_of_each, renditions("", "teaser"))
        for same in images.values():
            for image in same[1:]:
                image.prefetched_renditions = same[0].prefetched_renditions
