"""Generated graphics for the demo content: coloured shapes and a label, drawn with Pillow.

The demo uses no photos from elsewhere and no invented portraits: every teaser image and key
visual is drawn here, the same for the same arguments on every machine with the same Pillow and
font. A region's pages share its colours; the page's slug places the shapes, so items of one
region still look different. Saved as JPEG, 1200x675 (16:9), some 30–60 KB each.
"""

import colorsys
import hashlib
import io
import math
import random
import textwrap

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 675)
MARGIN = 80  # keeps the text inside the 2:1 crop of the region banner (fill-…x640 cuts 37 px top and bottom)
FONT = settings.BASE_DIR / "static" / "vendor" / "kern" / "fonts" / "fira-sans" / "FiraSans-SemiBold.woff2"
JPEG_QUALITY = 85

CREATOR = "Grafik: regionen.NRW Portal, generiert"
LICENCE = "CC0 1.0"

# What each motif says on the image, and what it draws.
LABELS = {"region": "Region", "news": "Aktuelles", "event": "Veranstaltung", "project": "Projekt"}

# Dark hues (KERN-like blue, petrol, green, violet, red), dark enough for white text (contrast > 7:1).
HUES = (0.58, 0.52, 0.38, 0.74, 0.98)


def _seed(text):
    """A stable number for a text (Python's hash() changes between runs)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _colour(hue, lightness, saturation=0.55):
    red, green, blue = colorsys.hls_to_rgb(hue % 1, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def _font(size):
    try:
        return ImageFont.truetype(str(FONT), size)
    except OSError:  # font missing: Pillow's own (without umlauts, but the demo still loads)
        return ImageFont.load_default(size=size)


def _gradient(top, bottom):
    """A vertical gradient from `top` to `bottom` colour, full size."""
    column = Image.new("RGB", (1, SIZE[1]))
    for y in range(SIZE[1]):
        share = y / (SIZE[1] - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)))
    return column.resize(SIZE)


def _hills(draw, rng, hue):
    """Three layers of rolling hills, lighter towards the front."""
    width, height = SIZE
    for layer in range(3):
        base = height * (0.52 + 0.14 * layer)
        amplitude = 30 + 20 * rng.random()
        phase = rng.random() * math.tau
        wavelength = 300 + 200 * rng.random()
        points = [
            (x, base + amplitude * math.sin(x / wavelength * math.tau + phase))
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([*points, (width, height), (0, height)], fill=(*_colour(hue, 0.27 + 0.05 * layer), 255))
    sun = (width * (0.62 + 0.25 * rng.random()), height * 0.28)
    draw.ellipse((sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70), fill=(255, 255, 255, 60))


def _sheets(draw, rng, hue):
    """Overlapping pages with lines of text, like a stack of notes."""
    for index in range(3):
        left = 560 + index * 110 + rng.randint(-20, 20)
        top = 120 + index * 50 + rng.randint(-20, 20)
        box = (left, top, left + 330, top + 400)
        draw.rounded_rectangle(box, radius=18, fill=(*_colour(hue, 0.42 + 0.07 * index), 235))
        for line in range(6):
            length = 200 + rng.randint(-60, 60)
            y = top + 60 + line * 48
            draw.rounded_rectangle(
                (left + 40, y, left + 40 + length, y + 14), radius=7, fill=(255, 255, 255, 90)
            )


def _calendar(draw, rng, hue):
    """A month as a grid of days, some of them marked."""
    marked = set(rng.sample(range(28), 3))
    for day in range(28):
        row, column = divmod(day, 7)
        left, top = 560 + column * 80, 150 + row * 90
        fill = (255, 255, 255, 200) if day in marked else (*_colour(hue, 0.45), 200)
        draw.rounded_rectangle((left, top, left + 64, top + 70), radius=10, fill=fill)


def _network(draw, rng, hue):
    """Nodes joined by lines: partners working together."""
    nodes = [(rng.randint(560, 1100), rng.randint(110, 560)) for _ in range(9)]
    for index, (x, y) in enumerate(nodes):
        for other in nodes[index + 1 : index + 3]:
            draw.line(((x, y), other), fill=(255, 255, 255, 110), width=6)
    for x, y in nodes:
        radius = rng.randint(18, 36)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*_colour(hue, 0.62, 0.7), 255))


MOTIFS = {"region": _hills, "news": _sheets, "event": _calendar, "project": _network}


def draw_graphic(motif, heading, colour_key, shape_key):
    """JPEG bytes of a 1200x675 graphic: the motif's shapes, its label and `heading` (e.g. the region).

    `colour_key` picks the hue (a region's slug, so its pages share colours), `shape_key` the
    placement of the shapes (the page's slug).
    """
    hue = HUES[_seed(colour_key) % len(HUES)]
    rng = random.Random(_seed(shape_key))  # noqa: S311 (placement of shapes, not security)
    image = _gradient(_colour(hue, 0.22), _colour(hue + 0.04, 0.34)).convert("RGBA")
    shapes = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    MOTIFS[motif](ImageDraw.Draw(shapes), rng, hue)
    image.alpha_composite(shapes)

    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN), LABELS[motif].upper(), font=_font(34), fill=(255, 255, 255, 255))
    lines = textwrap.wrap(heading, width=18 if motif == "region" else 16)[:3]
    heading_font = _font(72 if motif == "region" else 60)
    line_height = heading_font.size + 12
    top = SIZE[1] - MARGIN - line_height * len(lines)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=heading_font, fill=(255, 255, 255, 255))

    output = io.BytesIO()
    image.convert("RGB").save(output, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue()
