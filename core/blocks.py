"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading at level 2 or 3, so the page outline stays intact."""

    text = blocks.CharBlock(label=_("Überschrift"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Ebene 2")), ("h3", _("Ebene 3"))], default="h2", label=_("Ebene")
    )

    class Meta:
        icon = "title"
        label = _("Zwischenüberschrift")
        template = "components/blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    text = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(required=False, label=_("Quelle"))

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "components/blocks/quote_block.html"


class KeyFigureBlock(blocks.StructBlock):
    """One key figure of a region: a value and what it counts."""

    value = blocks.CharBlock(label=_("Wert"), help_text=_("z. B. „> 1 Mio.“ oder „ca. 500.000“"))
    label = blocks.CharBlock(label=_("Bezeichnung"), help_text=_("z. B. „Einwohnerinnen und Einwohner“"))

    class Meta:
        icon = "order"
        label = _("Kennzahl")


class LinkBlock(blocks.StructBlock):
    """A plain link to another website with its visible text."""

    text = blocks.CharBlock(label=_("Linktext"))
    url = blocks.URLBlock(label=_("Adresse (URL)"))

    class Meta:
        icon = "link"
        label = _("Link")


class BodyBlock(blocks.StreamBlock):
    """The body of a content page: headings, text, images and quotes."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), template="components/blocks/paragraph_block.html"
    )
    image = ImageBlock(label=_("Bild"), template="components/blocks/image_block.html")
    quote = QuoteBlock()

    class Meta:
        template = "components/blocks/body_block.html"
