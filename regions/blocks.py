"""Blocks of region pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class KeyFigureBlock(blocks.StructBlock):
    """One key figure of a region: a value and what it counts."""

    value = blocks.CharBlock(label=_("Wert"), help_text=_("z. B. „> 1 Mio.“ oder „ca. 500.000“"))
    label = blocks.CharBlock(label=_("Bezeichnung"), help_text=_("z. B. „Einwohnerinnen und Einwohner“"))

    class Meta:
        icon = "order"
        label = _("Kennzahl")
