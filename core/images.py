"""How portal images are rendered: named styles shared by the picture tag and the listing prefetches.

A style names the renditions of one place in the layout (teaser card, lead image, contact photo)
and the `sizes` that layout needs. Templates render a style with `{% portal_picture image "teaser" %}`
(core/templatetags/image_tags.py, built on Wagtail's `{% picture %}` machinery) and listings
prefetch exactly those renditions with `renditions("listing_image", "teaser")`, so a list of
teasers takes the same number of queries for 1 and for 100 images.

Every rendition is AVIF and WebP when the installed Pillow encodes AVIF (browsers pick the first
format they support, the WebP one is the <img> fallback), otherwise WebP with a JPEG fallback.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch
from PIL import features
from wagtail.images import get_image_model

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
