"""The portal's image model: Wagtail's image plus who made it, under which licence and where it comes from."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

# "Foto: …", "Grafik: …", "Karte: …": a credit that already says what kind of image it is.
CREDIT_LABEL = re.compile(r"^\w+:\s")


class PortalImage(AbstractImage):
    """An image in the media library with its credit: creator, licence and source."""

    creator = models.CharField(
        _("Urheber/in"),
        max_length=255,
        blank=True,
        help_text=_("Wer das Bild gemacht hat, z. B. „Foto: Vorname Name“ oder „Stadt Essen“."),
    )
    licence = models.CharField(
        _("Lizenz"),
        max_length=255,
        blank=True,
        help_text=_("Unter welchen Bedingungen das Bild genutzt werden darf, z. B. „CC BY 4.0“."),
    )
    source = models.URLField(
        _("Quelle"), blank=True, help_text=_("Wo das Bild herkommt, z. B. die Seite der Bilddatenbank.")
    )

    admin_form_fields = (*Image.admin_form_fields, "creator", "licence", "source")

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")

    @property
    def credit(self):
        """Creator and licence as a caption line, e.g. "Bild: Stadt Essen, CC BY 4.0"; "" without either.

        A creator that names its kind itself ("Foto: …", "Grafik: …") gets no "Bild:" in front.
        """
        parts = [part for part in (self.creator.strip(), self.licence.strip()) if part]
        if not parts:
            return ""
        text = ", ".join(parts)
        return text if CREDIT_LABEL.match(text) else _("Bild: %(credit)s") % {"credit": text}


class PortalRendition(AbstractRendition):
    """A resized version of a portal image, made on demand and kept."""

    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
