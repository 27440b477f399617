"""Plain text pages, e.g. Datenschutz or the pages in Leichte Sprache."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models.pages import BasePage

# A site's home page is a child of the tree's root.
SITE_HOME_DEPTH = 2


class ContentPage(BasePage):
    """A plain page of text, e.g. Datenschutz, or an explanation in Leichte Sprache."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    subpage_types = ["core.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")

    @classmethod
    def can_exist_under(cls, parent):
        """Directly below a site's home page or below another content page (core names no home page type)."""
        if parent.depth != SITE_HOME_DEPTH and parent.specific_class is not cls:
            return False
        return super().can_exist_under(parent)
