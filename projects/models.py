"""Projects a region runs, e.g. a regional development strategy, with who runs them and who takes part."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from core.sections import SectionedPageMixin


class ProjectPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "projects.ProjectPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ProjectPage(SectionedPageMixin, BasePage):
    """A project of a region with who runs it and who takes part; its news and events come as sections."""

    subtitle = models.CharField(_("Untertitel"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Beschreibung"))
    office = models.ForeignKey(
        "contacts.OrganisationPage",
        verbose_name=_("Prozessbegleitung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
        help_text=_("Das Büro oder die Organisation, die den Prozess begleitet."),
    )
    participants = ParentalManyToManyField(
        "contacts.OrganisationPage",
        verbose_name=_("Beteiligte"),
        blank=True,
        related_name="projects",
        help_text=_("Städte, Kreise und Institutionen, die das Projekt tragen."),
    )
    future_fields = ClusterTaggableManager(
        through=ProjectPageTag, blank=True, verbose_name=_("Zukunftsfelder")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("subtitle"),
        FieldPanel("body"),
        FieldPanel("office"),
        FieldPanel("participants"),
        FieldPanel("future_fields"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("body"),
    ]

    parent_page_types = ["regions.RegionPage"]
    subpage_types = []
    template = "pages/project_page.html"
    serve_select_related = ("listing_image", "office")
    section_hook = "register_project_section"

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
