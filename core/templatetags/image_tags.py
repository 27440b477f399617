"""Responsive images in the portal's image styles (core/images.py): <picture> with AVIF/WebP sources."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from core.images import STYLES

register = template.Library()


def image_format(spec):
    """The output format a filter spec asks for ("avif", "webp", …), or "" for the original's."""
    for operation in spec.split("|"):
        if operation.startswith("format-"):
            return operation.removeprefix("format-")
    return ""


def distinct_widths(renditions):
    """The renditions without repeated widths per format.

    Wagtail never enlarges an image, so for a small original several sizes come out equally wide;
    a srcset must not name one width twice.
    """
    seen = set()
    distinct = {}
    for spec, rendition in renditions.items():
        key = (image_format(spec), rendition.width)
        if key not in seen:
            seen.add(key)
            distinct[spec] = rendition
    return distinct


@register.simple_tag
def portal_picture(image, style, **attrs):
    """`{% portal_picture image "teaser" alt="" loading="lazy" decoding="async" %}`.

    Renders Wagtail's <picture> for the style's renditions: one <source> per modern format, the
    WebP (or JPEG) <img> with width and height, `sizes` from the style unless given. Attributes go
    on the <img>; without `alt` it is the image's description or title. Nothing for no image.
    """
    if not image:
        return ""
    image_style = STYLES[style]
    renditions = distinct_widths(get_renditions_or_not_found(image, image_style.filters))
    # An empty value leaves the attribute out (e.g. fetchpriority=lead_priority), except alt="".
    attrs = {name: value for name, value in attrs.items() if value or name == "alt"}
    formats = {image_format(spec) for spec in renditions}
    if len(renditions) > len(formats):
        attrs.setdefault("sizes", image_style.sizes)
    else:
        attrs.pop("sizes", None)  # one size per format: plain URLs, and `sizes` needs width descriptors
    return mark_safe(Picture(renditions, attrs).__html__())  # noqa: S308 (flatatt escapes the attributes)
