"""Partner organisations and the regionen.NRW partner directory that lists them."""

from urllib.parse import urlencode

from django.db import models
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from contacts.blocks import SupervisoryMemberBlock
from contacts.cards import ContactCardMixin, reachability_json_ld
from contacts.forms import DirectoryFilterForm
from contacts.models.links import linked_people
from contacts.vcard import organisation_vcard
from core.api import PageReferenceField
from core.blocks import RICH_TEXT_FEATURES, LinkBlock
from core.images import renditions
from core.models import BasePage, ContactDetailsMixin, PostalAddressMixin, singleton_page
from core.sections import once_per_page
from regions.models import RegionPage


class OrganisationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "contacts.OrganisationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class OrganisationPage(ContactCardMixin, ContactDetailsMixin, PostalAddressMixin, BasePage):
    """A partner organisation in the regionen.NRW directory: who carries it, what it offers, whom to ask."""

    KIND_CHOICES = [
        ("regionalmanagement", _("Regionalmanagement")),
        ("city", _("Stadt")),
        ("district", _("Kreis")),
        ("chamber", _("Kammer")),
        ("economic_development", _("Wirtschaftsförderung")),
        ("ministry", _("Ministerium / Landesbehörde")),
        ("office", _("Planungs- und Beratungsbüro")),
        ("other", _("Sonstige Organisation")),
    ]
    GOVERNMENT_KINDS = {"regionalmanagement", "city", "district", "chamber", "ministry"}
    region_fields = ("region",)  # besides the region it is filed under (regions.queries)
    intro_label = _("Kurzbeschreibung")

    kind = models.CharField(_("Art der Organisation"), max_length=30, choices=KIND_CHOICES)
    network_member = models.BooleanField(
        _("Verbundpartner von regionen.NRW"),
        default=False,
        help_text=_("Institutionalisiertes Regionalmanagement im Verbund regionen.NRW."),
    )
    region = models.ForeignKey(
        "regions.RegionPage",
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_organisations",
        help_text=_("Die Region, für die die Organisation tätig ist, wenn sie nicht darunter angelegt ist."),
    )
    carriers = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="carried_organisations",
        verbose_name=_("Träger"),
    )
    supervisory_body = StreamField(
        [("member", SupervisoryMemberBlock())], blank=True, verbose_name=_("Aufsichtsgremium")
    )
    services = RichTextField(_("Leistungen"), blank=True, features=RICH_TEXT_FEATURES)
    social_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("Social-Media-Profile"),
    )
    fields_of_action = ClusterTaggableManager(
        through=OrganisationPageTag, blank=True, verbose_name=_("Handlungsfelder")
    )

    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("kind"),
            FieldPanel("network_member"),
            FieldPanel("region"),
            FieldPanel("carriers"),
            FieldPanel("supervisory_body"),
            FieldPanel("services"),
            FieldPanel("fields_of_action"),
            InlinePanel("contact_links", label=_("Ansprechperson")),
        ]
        + PostalAddressMixin.address_panels
        + ContactDetailsMixin.contact_panels
        + [FieldPanel("social_links")]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("services"),
        index.FilterField("kind"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("network_member"),
        APIField("intro"),
        APIField("served_region", serializer=PageReferenceField()),
        APIField("carriers"),
        APIField("supervisory_body"),
        APIField("services"),
        APIField("fields_of_action"),
        *PostalAddressMixin.api_fields,
        *ContactDetailsMixin.api_fields,
        APIField("social_links"),
        *ContactCardMixin.api_fields,
    ]

    parent_page_types = ["regions.RegionPage", "contacts.DirectoryPage"]
    subpage_types = []
    template = "pages/organisation_page.html"
    serve_select_related = ("listing_image", "region")
    serve_prefetch_related = ("carriers",)

    class Meta:
        verbose_name = _("Partnerorganisation")
        verbose_name_plural = _("Partnerorganisationen")

    @property
    def teaser_kind(self):
        return self.get_kind_display()

    @property
    def teaser_badge(self):
        return _("Verbundpartner regionen.NRW") if self.network_member else ""

    @property
    def teaser_link_text(self):
        return _("Zum Profil")

    @cached_property
    def served_region(self):
        """The region this organisation works for: the chosen one, else the region it is filed under."""
        if self.region_id:
            return self.region
        return RegionPage.objects.live().filing_region_of(self)

    @once_per_page
    def contact_people(self):
        """The organisation's published contact people in their order (read once per page object)."""
        return linked_people(self.contact_links.all())

    def directory(self):
        return singleton_page(DirectoryPage, memo=self)

    def get_context(self, request, *args, **kwargs):
        """Adds `back_url`: the directory with the filter the visitor came from ("Zurück zur Auswahl")."""
        context = super().get_context(request, *args, **kwargs)
        directory = self.directory()
        if directory is not None:
            selection = request.GET.get("auswahl", "")
            if selection:  # only a selection the directory's filter understands
                selection = directory.filter_form(QueryDict(selection)).query_string()
            context["back_url"] = f"{directory.url}?{selection}" if selection else directory.url
        return context

    def vcard_text(self):
        return organisation_vcard(self, self.full_url)

    @property
    def schema_type(self):
        return "GovernmentOrganization" if self.kind in self.GOVERNMENT_KINDS else "Organization"

    def structured_data_reference(self):
        """The short form other JSON-LD documents use to point at this organisation."""
        return {"@type": self.schema_type, "name": self.title, "url": self.full_url}

    def structured_data(self, request=None):
        """schema.org (Government)Organization with address, contact data and social profiles."""
        data = {
            "@context": "https://schema.org",
            **self.structured_data_reference(),
            "description": self.intro,
            **reachability_json_ld(self),
            "sameAs": [block.value["url"] for block in self.social_links],
            "parentOrganization": [
                carrier.structured_data_reference() for carrier in self.carriers.all() if carrier.live
            ],
            "employee": [
                {"@type": "Person", "name": person.full_name, "url": person.full_url}
                for person in self.contact_people()
            ],
        }
        return {key: value for key, value in data.items() if value}


class DirectoryPage(BasePage):
    """The regionen.NRW partner directory: every partner organisation, grouped by region."""

    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("Weiterführende Links"),
        help_text=_("z. B. das Social-Media-Profil von regionen.NRW oder die Website des Ministeriums."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("links")]

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["contacts.OrganisationPage"]
    max_count = 1
    template = "pages/directory_page.html"

    class Meta:
        verbose_name = _("Partnerverzeichnis")

    def organisations(self):
        organisations = (
            OrganisationPage.objects.live()
            .public()
            .select_related("region", "listing_image")
            .prefetch_related(renditions("listing_image", "teaser"))
            .order_by("title")
        )
        return RegionPage.objects.annotate_filing_region(organisations)

    def filter_form(self, data):
        return DirectoryFilterForm(
            data,
            regions=RegionPage.objects.live().public().order_by("title"),
            kinds=OrganisationPage.KIND_CHOICES,
            fields_of_action=Tag.objects.filter(contacts_organisationpagetag_items__isnull=False)
            .distinct()
            .order_by("name"),
        )

    def groups(self, organisations):
        """Organisations (annotated by `organisations()`) under their region's short name; the rest last."""
        regions = {region.pk: region for region in RegionPage.objects.live().public()}
        other = str(_("Landesweit und weitere Partner"))
        grouped = {}
        for organisation in organisations:
            region = organisation.region or regions.get(organisation.filing_region_id)
            label = (region.short_name or region.title) if region else other
            grouped.setdefault(label, []).append(organisation)
        return sorted(grouped.items(), key=lambda item: (item[0] == other, item[0]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = self.filter_form(request.GET)
        selection = form.query_string()
        organisations = list(form.apply(self.organisations()))
        for organisation in organisations:
            # Entries carry the selection, so their "Zurück zur Auswahl" returns to it.
            suffix = "?" + urlencode({"auswahl": selection}) if selection else ""
            organisation.entry_url = organisation.url + suffix
        context.update(
            filter_form=form,
            groups=self.groups(organisations),
            result_count=len(organisations),
            selection=selection,
        )
        return context
