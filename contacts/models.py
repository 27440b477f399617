"""Contact people, partner organisations, the regionen.NRW partner directory and the contact list."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, LinkBlock
from core.models import BasePage, ContactDetailsMixin, PostalAddressMixin


class ContactPersonLink(Orderable):
    """Abstract ordered link from a page to a contact person."""

    person = models.ForeignKey(
        "contacts.ContactPersonPage",
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True


class ContactPersonPage(ContactDetailsMixin, PostalAddressMixin, BasePage):
    """A contact person's card: name, role, organisation and how to reach them, at a stable URL."""

    honorific_prefix = models.CharField(
        _("Akademischer Grad"), max_length=30, blank=True, help_text=_("z. B. „Dr.“ oder „Prof. Dr.“")
    )
    given_name = models.CharField(_("Vorname"), max_length=100)
    family_name = models.CharField(_("Nachname"), max_length=100)
    role = models.CharField(
        _("Funktion"), max_length=255, blank=True, help_text=_("z. B. „Vorsitzender der Geschäftsführung“")
    )
    organisation = models.ForeignKey(
        "contacts.OrganisationPage",
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("honorific_prefix"),
            FieldPanel("given_name"),
            FieldPanel("family_name"),
            FieldPanel("role"),
            FieldPanel("organisation"),
            FieldPanel("photo"),
        ]
        + ContactDetailsMixin.contact_panels
        + PostalAddressMixin.address_panels
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("given_name"),
        index.SearchField("family_name"),
        index.SearchField("role"),
        index.AutocompleteField("family_name"),
    ]

    parent_page_types = ["regions.RegionPage", "contacts.ContactIndexPage"]
    subpage_types = []
    template = "pages/contact_person_page.html"

    class Meta:
        verbose_name = _("Kontaktperson")
        verbose_name_plural = _("Kontaktpersonen")

    @property
    def full_name(self):
        """Name with academic degree, e.g. "Dr. Kai Büter"."""
        return " ".join(part for part in (self.honorific_prefix, self.given_name, self.family_name) if part)

    @property
    def teaser_summary(self):
        parts = [self.role, self.organisation.title if self.organisation else ""]
        return self.listing_summary or " – ".join(part for part in parts if part)


class OrganisationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "contacts.OrganisationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class OrganisationContactPerson(ContactPersonLink):
    """A contact person listed on an organisation page ("Ansprechpartner")."""

    page = ParentalKey("contacts.OrganisationPage", related_name="contact_links", on_delete=models.CASCADE)


class SupervisoryMemberBlock(blocks.StructBlock):
    """One seat on a supervisory body: the office and the organisation it belongs to."""

    office = blocks.CharBlock(label=_("Amt"), help_text=_("z. B. „Oberbürgermeister“"))
    organisation = blocks.PageChooserBlock(
        page_type="contacts.OrganisationPage", required=False, label=_("Organisation")
    )
    organisation_name = blocks.CharBlock(
        required=False,
        label=_("Organisation (Name)"),
        help_text=_("Nur wenn die Organisation keine eigene Seite im Portal hat."),
    )

    class Meta:
        icon = "group"
        label = _("Mitglied")


class OrganisationPage(ContactDetailsMixin, PostalAddressMixin, BasePage):
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

    kind = models.CharField(_("Art der Organisation"), max_length=30, choices=KIND_CHOICES)
    network_member = models.BooleanField(
        _("Verbundpartner von regionen.NRW"),
        default=False,
        help_text=_("Institutionalisiertes Regionalmanagement im Verbund regionen.NRW."),
    )
    intro = models.TextField(_("Kurzbeschreibung"), blank=True)
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
            FieldPanel("intro"),
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
        index.SearchField("intro"),
        index.SearchField("services"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["regions.RegionPage", "contacts.DirectoryPage"]
    subpage_types = []
    template = "pages/organisation_page.html"

    class Meta:
        verbose_name = _("Partnerorganisation")
        verbose_name_plural = _("Partnerorganisationen")

    @cached_property
    def served_region(self):
        """The region this organisation works for: the chosen one, else the region it is filed under."""
        from regions.models import RegionPage

        if self.region_id:
            return self.region
        return RegionPage.objects.ancestor_of(self).live().first()

    def contact_people(self):
        return [link.person for link in self.contact_links.select_related("person") if link.person.live]

    def directory(self):
        return DirectoryPage.objects.live().public().first()


class DirectoryPage(BasePage):
    """The regionen.NRW partner directory: every partner organisation, grouped by region."""

    intro = models.TextField(_("Einleitung"), blank=True)
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("Weiterführende Links"),
        help_text=_("z. B. das Social-Media-Profil von regionen.NRW oder die Website des Ministeriums."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("links")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["contacts.OrganisationPage"]
    max_count = 1
    template = "pages/directory_page.html"

    class Meta:
        verbose_name = _("Partnerverzeichnis")

    def organisations(self):
        return (
            OrganisationPage.objects.live()
            .public()
            .select_related("region", "listing_image")
            .prefetch_related("listing_image__renditions")
            .order_by("title")
        )

    def groups(self):
        """Organisations grouped under their region's short name; the rest under "Landesweit"."""
        from regions.models import RegionPage

        regions = list(RegionPage.objects.live().public())
        other = str(_("Landesweit und weitere Partner"))
        grouped = {}
        for organisation in self.organisations():
            region = organisation.region or next(
                (region for region in regions if organisation.path.startswith(region.path)), None
            )
            label = (region.short_name or region.title) if region else other
            grouped.setdefault(label, []).append(organisation)
        return sorted(grouped.items(), key=lambda item: (item[0] == other, item[0]))


class ContactIndexPage(BasePage):
    """The portal-wide list of contact people in all regions."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["contacts.ContactPersonPage"]
    max_count = 1
    template = "pages/contact_index_page.html"

    class Meta:
        verbose_name = _("Ansprechpersonen")

    def people(self):
        return (
            ContactPersonPage.objects.live()
            .public()
            .select_related("organisation", "photo")
            .prefetch_related("photo__renditions")
            .order_by("family_name", "given_name")
        )
