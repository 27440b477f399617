"""Abstract page parts and settings that every content app builds on."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock


class BasePage(Page):
    """Abstract base of every portal page: the teaser fields one teaser component renders."""

    listing_title = models.CharField(
        _("Titel im Teaser"),
        max_length=255,
        blank=True,
        help_text=_("Kürzerer Titel für Übersichten; leer lassen, um den Seitentitel zu verwenden."),
    )
    listing_summary = models.TextField(
        _("Teasertext"),
        blank=True,
        help_text=_("Zwei bis drei Sätze für Übersichten und Suchergebnisse."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Teaserbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Teaser in Übersichten"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    @property
    def teaser_title(self):
        return self.listing_title or self.title

    @property
    def teaser_summary(self):
        """Teaser text, else the search description, else the start of the page's intro."""
        if self.listing_summary:
            return self.listing_summary
        if self.search_description:
            return self.search_description
        intro = getattr(self, "intro", "")
        return Truncator(intro).words(40) if intro else ""

    @property
    def teaser_image(self):
        return self.listing_image

    @property
    def teaser_kind(self):
        """Short label naming the page type in teasers, e.g. "Aktuelles"."""
        return self._meta.verbose_name

    @property
    def teaser_date(self):
        """Date shown on the teaser; page types with a date override it."""
        return None

    @property
    def teaser_url(self):
        """Where the teaser's link leads; a news item may point to an article elsewhere."""
        return self.url

    @property
    def teaser_external(self):
        return False

    @property
    def teaser_link_text(self):
        """Visible link text; None lets the component say "mehr lesen"."""
        return None

    @property
    def teaser_badge(self):
        """A short status label such as "vergangen", or ""."""
        return ""


class PostalAddressMixin(models.Model):
    """A German postal address kept in separate fields, so it can be printed, exported and checked."""

    address_extra = models.TextField(
        _("Adresszusatz"),
        blank=True,
        help_text=_("Zeilen vor der Straße, z. B. „c/o Landeshauptstadt Düsseldorf“, eine pro Zeile."),
    )
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=255, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True)

    address_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address_extra"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("locality"),
            ],
            heading=_("Postanschrift"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def address_lines(self):
        """The address as printed lines, empty parts left out."""
        lines = [line.strip() for line in self.address_extra.splitlines() if line.strip()]
        if self.street_address:
            lines.append(self.street_address)
        city = " ".join(part for part in (self.postal_code, self.locality) if part)
        if city:
            lines.append(city)
        return lines


class ContactDetailsMixin(models.Model):
    """Phone, e-mail and website of a person or organisation."""

    phone = PhoneNumberField(
        _("Telefon"),
        blank=True,
        help_text=_("Mit Vorwahl, z. B. „0211 8995680“ oder „+49 211 8995680“."),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)

    contact_panels = [
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Erreichbarkeit"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def phone_display(self):
        """The phone number in German national format ("0211 8995680")."""
        return self.phone.as_national if self.phone else ""


class ContentPage(BasePage):
    """A plain page of text, e.g. Impressum, Datenschutz or the accessibility statement."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["regions.HomePage", "core.ContentPage"]
    subpage_types = ["core.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Site-wide facts editors maintain once: the portal's name and the pages the footer links to."""

    portal_name = models.CharField(_("Name des Portals"), max_length=100, default="regionen.NRW")
    portal_claim = models.CharField(
        _("Untertitel"), max_length=200, blank=True, help_text=_("Kurzer Satz unter dem Namen im Kopf.")
    )
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Impressum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutzerklärung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Erklärung zur Barrierefreiheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("portal_name"),
        FieldPanel("portal_claim"),
        MultiFieldPanel(
            [
                PageChooserPanel("imprint_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
            ],
            heading=_("Pflichtseiten im Fußbereich"),
        ),
    ]

    class Meta:
        verbose_name = _("Portal-Einstellungen")

    @cached_property
    def footer_links(self):
        """The legal pages the footer links to, in their fixed order, only where set and live."""
        pages = [self.imprint_page, self.privacy_page, self.accessibility_page]
        return [page for page in pages if page is not None and page.live]
