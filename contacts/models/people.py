"""Contact people's cards and the portal-wide list of contact people."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.images import get_image_model_string
from wagtail.search import index

from contacts.cards import ContactCardMixin, reachability_json_ld
from contacts.vcard import person_vcard
from core.images import renditions
from core.models import BasePage, ContactDetailsMixin, PostalAddressMixin


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
        get_image_model_string(),
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
    api_fields = (
        [
            APIField("full_name"),
            APIField("honorific_prefix"),
            APIField("given_name"),
            APIField("family_name"),
            APIField("role"),
            APIField("organisation"),
        ]
        + PostalAddressMixin.api_fields
        + ContactDetailsMixin.api_fields
        + ContactCardMixin.api_fields
    )

    parent_page_types = ["regions.RegionPage", "contacts.ContactIndexPage"]
    subpage_types = []
    template = "pages/contact_person_page.html"
    serve_select_related = ("listing_image", "organisation", "photo")

    class Meta:
        verbose_name = _("Kontaktperson")
        verbose_name_plural = _("Kontaktpersonen")

    @property
    def full_name(self):
        """Name with academic degree, e.g. "Dr. Kai Büter"."""
        return " ".join(part for part in (self.honorific_prefix, self.given_name, self.family_name) if part)

    @property
    def teaser_summary(self):
        """The intro if there is one, else role and organisation."""
        if self.intro:
            return self.intro
        parts = [self.role, self.organisation.title if self.organisation else ""]
        return " – ".join(part for part in parts if part)

    def vcard_text(self):
        return person_vcard(self, self.full_url)

    def structured_data(self, request=None):
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
            root_url = self.site_for_request(request).root_url
            data["image"] = root_url + self.photo.get_rendition("fill-400x400").url
        return {key: value for key, value in data.items() if value}


class ContactIndexPage(BasePage):
    """The portal-wide list of contact people in all regions."""

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
            .prefetch_related(renditions("photo", "card_photo"))
            .order_by("family_name", "given_name")
        )
