"""The portal's home page, one page per region, and the projects a region runs."""

from urllib.parse import urljoin

from django.db import models
from django.db.models import Q
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.search import index

from contacts.models import ContactPersonLink
from core.blocks import BodyBlock, KeyFigureBlock
from core.models import BasePage, PortalSettings
from news.feeds import NewsFeedRoutesMixin

HOME_TEASER_COUNT = 3
REGION_NEWS_COUNT = 4
REGION_EVENT_COUNT = 4
SEARCH_PATH = "/suche/"  # the site search; its query parameter is q
LOGO = "images/logo.png"  # 512x512, KERN colours


class HomePage(BasePage):
    """The portal's start page: introduction, the regions, latest news and events."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "regions.RegionPage",
        "news.NewsIndexPage",
        "news.EventIndexPage",
        "contacts.DirectoryPage",
        "contacts.ContactIndexPage",
        "newsletter.NewsletterIndexPage",
        "core.ContentPage",
        "core.ImprintPage",
        "core.AccessibilityStatementPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("Startseite")

    def regions(self):
        return (
            RegionPage.objects.child_of(self)
            .live()
            .public()
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
        )

    def latest_news(self):
        from news.models import NewsPage

        return NewsPage.objects.teasers()[:HOME_TEASER_COUNT]

    def events(self):
        from news.models import EventPage

        return EventPage.objects.upcoming_first(limit=HOME_TEASER_COUNT)

    def structured_data(self):
        """schema.org Organization (the publisher from the portal settings) and WebSite with its search."""
        site = self.get_site()
        root = site.root_url
        portal = PortalSettings.for_site(site)
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


class RegionContactPerson(ContactPersonLink):
    """A contact person shown on a region page ("Kontaktperson")."""

    page = ParentalKey("regions.RegionPage", related_name="contact_links", on_delete=models.CASCADE)


class RegionPage(NewsFeedRoutesMixin, BasePage):
    """A region of NRW with its profile, key figures and everything its regional management publishes."""

    short_name = models.CharField(
        _("Kurzname"),
        max_length=60,
        blank=True,
        help_text=_("Name im Partnerverzeichnis, z. B. „Düsseldorf“."),
    )
    intro = models.TextField(_("Einleitung"), help_text=_("Ein Absatz, der die Region vorstellt."))
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

    content_panels = BasePage.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("key_figures"),
        FieldPanel("fields_of_action"),
        PageChooserPanel("featured_page", ["news.NewsPage", "news.EventPage"]),
        MultiFieldPanel([InlinePanel("contact_links", label=_("Kontaktperson"))], heading=_("Kontakt")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
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

    parent_page_types = ["regions.HomePage"]
    subpage_types = [
        "contacts.OrganisationPage",
        "contacts.ContactPersonPage",
        "regions.ProjectPage",
        "news.NewsPage",
        "news.EventPage",
    ]
    template = "pages/region_page.html"

    class Meta:
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")

    @property
    def teaser_link_text(self):
        return _("Region ansehen")

    @cached_property
    def management(self):
        """The regional management's organisation page filed under this region, if any."""
        from contacts.models import OrganisationPage

        return OrganisationPage.objects.child_of(self).live().public().first()

    def carriers(self):
        """The organisations that carry the region's management."""
        if self.management is None:
            return []
        return self.management.carriers.live().public()

    def contact_people(self):
        return [link.person for link in self.contact_links.select_related("person") if link.person.live]

    def projects(self):
        return ProjectPage.objects.child_of(self).live().public().order_by("title")

    def news_items(self):
        """News filed under this region or assigned to it, newest first."""
        from news.models import NewsPage

        in_region = Q(path__startswith=self.path) | Q(regions=self)
        return NewsPage.objects.teasers().filter(in_region).distinct()

    def latest_news(self):
        featured_pk = self.featured_page_id or 0
        return self.news_items().exclude(pk=featured_pk)[:REGION_NEWS_COUNT]

    def featured(self):
        """The pinned news item or event, if it is published."""
        page = self.featured_page
        return page.specific if page is not None and page.live else None

    def events(self):
        from news.models import EventPage

        return EventPage.objects.upcoming_first(limit=REGION_EVENT_COUNT, within=self)

    def calendar_url(self):
        return self.full_url + self.reverse_subpage("calendar")

    @path("kalender/", name="calendar")
    def calendar(self, request):
        """Calendar feed of this region's events for subscription."""
        from news.calendar import calendar_response
        from news.models import EventPage

        events = EventPage.objects.live().public().descendant_of(self).prefetch_related("dates")
        return calendar_response(events, f"{self.title} – {self.get_site().site_name}", self.slug)


class ProjectPageTag(TaggedItemBase):
    content_object = ParentalKey("regions.ProjectPage", related_name="tagged_items", on_delete=models.CASCADE)


class ProjectPage(BasePage):
    """A project of a region, e.g. a regional development strategy, with who runs it and who takes part."""

    subtitle = models.CharField(_("Untertitel"), max_length=255, blank=True)
    intro = models.TextField(_("Einleitung"), blank=True)
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
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("office"),
        FieldPanel("participants"),
        FieldPanel("future_fields"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["regions.RegionPage"]
    subpage_types = []
    template = "pages/project_page.html"

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")

    def news(self):
        return self.news_items.live().public().order_by("-date")

    def events(self):
        from news.models import EventPage

        return EventPage.objects.upcoming_first(project=self)
