"""StreamField blocks shared by every page type."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
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


class LinkBlock(blocks.StructBlock):
    """A plain link to another website with its visible text."""

    text = blocks.CharBlock(label=_("Linktext"))
    url = blocks.URLBlock(label=_("Adresse (URL)"))

    class Meta:
        icon = "link"
        label = _("Link")


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in Deutsche Gebärdensprache as BITV 2.0 Anlage 2 asks: playable, downloadable, with text."""

    topic = blocks.CharBlock(
        label=_("Thema"), help_text=_("Worum es im Video geht, z. B. „Das Portal stellt sich vor“.")
    )
    video = DocumentChooserBlock(
        label=_("Video-Datei"),
        help_text=_(
            "Selbst gehostete Datei (WebM oder MP4) aus den Dokumenten. Format und Dateigröße "
            "zeigt die Seite automatisch an."
        ),
    )
    duration = blocks.RegexBlock(
        regex=r"^\d{1,3}:[0-5]\d$",
        label=_("Laufzeit"),
        help_text=_("Minuten und Sekunden (mm:ss), z. B. „02:35“."),
        error_messages={"invalid": _("Bitte die Laufzeit als Minuten:Sekunden angeben, z. B. „02:35“.")},
    )
    transcript = blocks.TextBlock(
        label=_("Text zum Video"),
        help_text=_("Was im Video gebärdet wird, als geschriebener Text. Leerzeilen trennen Absätze."),
    )

    class Meta:
        icon = "media"
        label = _("Video in Gebärdensprache")
        template = "components/blocks/sign_language_video_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        document = value.get("video")
        context.update(
            file_size=document.get_file_size() if document else None,
            file_format=document.file_extension.upper() if document else "",
        )
        match = re.fullmatch(r"(\d+):(\d\d)", value.get("duration") or "")
        if match:
            minutes, seconds = (int(part) for part in match.groups())
            context.update(minutes=minutes, seconds=seconds, duration_iso=f"PT{minutes}M{seconds}S")
        return context


class ExternalEmbedBlock(blocks.StructBlock):
    """Content from another website (a video, a map) that loads only when the reader asks for it."""

    title = blocks.CharBlock(
        label=_("Titel"),
        help_text=_("Beschreibt den Inhalt, z. B. „Karte: Lage der Geschäftsstelle“."),
    )
    provider = blocks.CharBlock(
        required=False,
        label=_("Anbieter"),
        help_text=_(
            "Wer beim Laden Daten erhält, z. B. „OpenStreetMap Foundation“. Leer lassen, um den "
            "Servernamen aus der Adresse zu zeigen."
        ),
    )
    embed_url = blocks.URLBlock(
        label=_("Adresse zum Einbetten"),
        help_text=_("Die Einbettungsadresse des Anbieters (beginnt mit https://)."),
    )
    link_url = blocks.URLBlock(
        required=False,
        label=_("Adresse der Seite beim Anbieter"),
        help_text=_(
            "Wohin der Link ohne Einbettung führt; leer lassen, um die Einbettungsadresse zu verwenden."
        ),
    )
    aspect_ratio = blocks.ChoiceBlock(
        choices=[("16-9", "16:9"), ("4-3", "4:3"), ("1-1", "1:1")],
        default="16-9",
        label=_("Seitenverhältnis"),
    )

    class Meta:
        icon = "site"
        label = _("Externer Inhalt (lädt erst nach Klick)")
        template = "components/blocks/external_embed_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for name in ("embed_url", "link_url"):
            if value.get(name) and urlsplit(value[name]).scheme != "https":
                errors[name] = ValidationError(_("Bitte eine Adresse angeben, die mit https:// beginnt."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        host = urlsplit(value.get("embed_url") or "").hostname or ""
        context.update(
            host=host,
            provider=value.get("provider") or host,
            link_url=value.get("link_url") or value.get("embed_url"),
        )
        return context


class PublisherDetailsBlock(blocks.StaticBlock):
    """The publisher's name, address and contact from the portal settings, kept in one place."""

    class Meta:
        icon = "home"
        label = _("Angaben zum Anbieter")
        admin_text = _(
            "Zeigt Name, Anschrift und Kontakt der herausgebenden Stelle aus den Portal-Einstellungen "
            "(z. B. als Verantwortlicher in der Datenschutzerklärung)."
        )
        template = "components/blocks/publisher_details_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a content page: headings, text, images, quotes, sign-language videos, embeds, publisher."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), template="components/blocks/paragraph_block.html"
    )
    image = ImageBlock(label=_("Bild"), template="components/blocks/image_block.html")
    quote = QuoteBlock()
    sign_language_video = SignLanguageVideoBlock()
    external_embed = ExternalEmbedBlock()
    publisher = PublisherDetailsBlock()

    class Meta:
        template = "components/blocks/body_block.html"
