"""The portal's home page and one page per region; the apps above add their sections through hooks."""

from urllib.parse import urljoin

from django.db import models
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.blocks import BodyBlock
from core.images import renditions
from core.models import BasePage, PortalSettings
from core.sections import SectionedPageMixin, SectionPanels
from regions.blocks import KeyFigureBlock
from regions.queries import RegionPageQuerySet

SEARCH_PATH = "/suche/"  # the site search; its query parameter is q
LOGO = "images/logo.png"  # 512x512, KERN colours


class HomePage(SectionedPageMixin, BasePage):
    """The portal's start page: introduction, the regions, and what other apps register (news, events)."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    # No subpage_types: each page type that belongs here names HomePage in its parent_page_types.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"
    section_hook = "register_home_section"

    class Meta:
        verbose_name = _("Startseite")

    def regions(self):
        return (
            RegionPage.objects.child_of(self)
            .live()
            .public()
            .select_related("listing_image")
            .prefetch_related(renditions("listing_image", "teaser"))
        )

    def structured_data(self, request=None):
        """schema.org Organization (the publisher from the portal settings) and WebSite with its search."""
        site = self.site_for_request(request)
        root = site.root_url
        portal = PortalSettings.for_request(request) if request is not None else PortalSettings.for_site(site)
        organisation = {
            "@type": "Organization",
            "@id": f"{root}/#organisation",
            "name": portal.portal_name,
            "legalName": portal.publisher_name,
            "url": self.full_url,
            "logo": urljoin(root + "/", static(LOGO)),
            "telephone": portal.publisher_phone.as_e164 if portal.publisher_phone else "",
            "email": portal.publisher_email,
        }
        if portal.publisher_street or portal.publisher_locality:
            organisation["address"] = {
                "@type": "PostalAddress",
                "streetAddress": portal.publisher_street,
                "postalCode": portal.publisher_postal_code,
                "addressLocality": portal.publisher_locality,
                "addressCountry": "DE",
            }
        website = {
            "@type": "WebSite",
            "@id": f"{root}/#website",
            "name": portal.portal_name,
            "description": portal.portal_claim,
            "url": self.full_url,
            "inLanguage": "de",
            "publisher": {"@id": organisation["@id"]},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{root}{SEARCH_PATH}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        }
        graph = [{key: value for key, value in item.items() if value} for item in (organisation, website)]
        return {"@context": "https://schema.org", "@graph": graph}


class RegionPageTag(TaggedItemBase):
    content_object = ParentalKey("regions.RegionPage", related_name="tagged_items", on_delete=models.CASCADE)


class FeaturedPageChooserPanel(PageChooserPanel):
    """Chooses among the page types the page's sections offer to feature (e.g. news and events)."""

    def get_form_options(self):
        options = super().get_form_options()
        page_types = self.model.featurable_page_types()
        options.setdefault("widgets", {})[self.field_name] = AdminPageChooser(target_models=page_types)
        return options


class RegionPage(SectionedPageMixin, BasePage):
    """A region of NRW with profile and key figures; news, events, projects and contacts come as sections."""

    short_name = models.CharField(
        _("Kurzname"),
        max_length=60,
        blank=True,
        help_text=_("Name im Partnerverzeichnis, z. B. „Düsseldorf“."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Profil"))
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("Kennzahlen"))
    fields_of_action = ClusterTaggableManager(
        through=RegionPageTag, blank=True, verbose_name=_("Handlungsfelder")
    )
    featured_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Hervorgehobener Beitrag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Eine Meldung oder Veranstaltung, die oben auf der Regionsseite steht."),
    )

    content_panels = SectionPanels(
        BasePage.content_panels
        + [
            FieldPanel("short_name"),
            FieldPanel("body"),
            FieldPanel("key_figures"),
            FieldPanel("fields_of_action"),
            FeaturedPageChooserPanel("featured_page"),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("short_name"),
    ]
    api_fields = [
        APIField("short_name"),
        APIField("intro"),
        APIField("body"),
        APIField("key_figures"),
        APIField("fields_of_action"),
    ]

    # No subpage_types: each page type that belongs here names RegionPage in its parent_page_types.
    parent_page_types = ["regions.HomePage"]
    template = "pages/region_page.html"
    section_hook = "register_region_section"
    intro_required = True
    intro_help_text = _("Ein Absatz, der die Region vorstellt; erscheint auch in Übersichten.")
    objects = PageManager.from_queryset(RegionPageQuerySet)()

    class Meta:
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")

    @property
    def teaser_link_text(self):
        return _("Region ansehen")

    def featured(self):
        """The pinned page, if it is published."""
        page = self.featured_page
        return page.specific if page is not None and page.live else None
