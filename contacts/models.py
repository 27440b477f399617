"""Contact people, partner organisations, the regionen.NRW partner directory and the contact list."""

from urllib.parse import urlencode

from django.db import models
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from contacts.cards import ContactCardMixin, reachability_json_ld
from contacts.forms import DirectoryFilterForm
from contacts.vcard import organisation_vcard, person_vcard
from core.api import PageReferenceField, PhoneNumberField
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


class ContactPersonPage(ContactCardMixin, ContactDetailsMixin, PostalAddressMixin, BasePage):
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
    api_fields = [
        APIField("full_name"),
        APIField("honorific_prefix"),
        APIField("given_name"),
        APIField("family_name"),
        APIField("role"),
        APIField("organisation"),
        APIField("address_lines"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("locality"),
        APIField("phone", serializer=PhoneNumberField()),
        APIField("email"),
        APIField("website"),
        APIField("short_url"),
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

    def vcard_text(self):
        return person_vcard(self, self.full_url)

    def structured_data(self):
        """schema.org Person, working for its organisation."""
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.full_name,
            "honorificPrefix": self.honorific_prefix,
            "givenName": self.given_name,
            "familyName": self.family_name,
            "jobTitle": self.role,
            **reachability_json_ld(self),
        }
        if self.organisation:
            data["worksFor"] = self.organisation.structured_data_reference()
        if self.photo:
            data["image"] = self.get_site().root_url + self.photo.get_rendition("fill-400x400").url
        return {key: value for key, value in data.items() if value}


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
    api_fields = [
        APIField("kind"),
        APIField("network_member"),
        APIField("intro"),
        APIField("served_region", serializer=PageReferenceField()),
        APIField("carriers"),
        APIField("supervisory_body"),
        APIField("services"),
        APIField("fields_of_action"),
        APIField("address_lines"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("locality"),
        APIField("phone", serializer=PhoneNumberField()),
        APIField("email"),
        APIField("website"),
        APIField("social_links"),
        APIField("short_url"),
    ]

    parent_page_types = ["regions.RegionPage", "contacts.DirectoryPage"]
    subpage_types = []
    template = "pages/organisation_page.html"

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
        from regions.models import RegionPage

        if self.region_id:
            return self.region
        return RegionPage.objects.ancestor_of(self).live().first()

    def contact_people(self):
        return [link.person for link in self.contact_links.select_related("person") if link.person.live]

    def directory(self):
        return DirectoryPage.objects.live().public().first()

    def get_context(self, request, *args, **kwargs):
        """Adds `back_url`: the directory with the filter the visitor came from ("Zurück zur Auswahl")."""
        context = super().get_context(request, *args, **kwargs)
        directory = self.directory()
        if directory is not None:
            selection = directory.filter_form(QueryDict(request.GET.get("auswahl", ""))).query_string()
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

    def structured_data(self):
        """schema.org (Government)Organization with address, contact data and social profiles."""
        data = {
            "@context": "https://schema.org",
            **self.structured_data_reference(),
            "description": self.intro,
            **reachability_json_ld(self),
            "sameAs": [block.value["url"] for block in self.social_links],
            "parentOrganization": [carrier.structured_data_reference() for carrier in self.carriers.live()],
            "employee": [
                {"@type": "Person", "name": person.full_name, "url": person.full_url}
                for person in self.contact_people()
            ],
        }
        return {key: value for key, value in data.items() if value}


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

    def filter_form(self, data):
        from regions.models import RegionPage

        return DirectoryFilterForm(
            data,
            regions=RegionPage.objects.live().public().order_by("title"),
            kinds=OrganisationPage.KIND_CHOICES,
            fields_of_action=Tag.objects.filter(contacts_organisationpagetag_items__isnull=False)
            .distinct()
            .order_by("name"),
        )

    def groups(self, organisations=None):
        """Organisations grouped under their region's short name; the rest under "Landesweit"."""
        from regions.models import RegionPage

        regions = list(RegionPage.objects.live().public())
        other = str(_("Landesweit und weitere Partner"))
        grouped = {}
        for organisation in self.organisations() if organisations is None else organisations:
            region = organisation.region or next(
                (region for region in regions if organisation.path.startswith(region.path)), None
            )
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
