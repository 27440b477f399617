"""Abstract page parts and settings that every content app builds on."""

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, PageChooserPanel, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock, NonAccessibleContentBlock


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


class ImprintPage(BasePage):
    """The Impressum: shows the publisher data kept in the portal settings, plus the editors' text."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("Weitere Angaben"),
        help_text=_(
            "Anbieter und inhaltlich Verantwortliche kommen aus den Portal-Einstellungen "
            "(Reiter „Anbieter“); hier steht, was darüber hinaus ins Impressum gehört."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["regions.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/imprint_page.html"

    class Meta:
        verbose_name = _("Impressum")
        verbose_name_plural = _("Impressum")


OMBUDSSTELLE_URL = "https://www.lbbp.nrw.de/ombudsstelle"


class AccessibilityStatementPage(BasePage):
    """The Erklärung zur Barrierefreiheit, in the parts of the EU model statement (EU 2018/1523)."""

    class Compliance(models.TextChoices):
        FULL = "full", _("vollständig vereinbar")
        PARTIAL = "partial", _("teilweise vereinbar")
        NONE = "none", _("nicht vereinbar")

    class Method(models.TextChoices):
        SELF = "self", _("Selbstbewertung")
        THIRD_PARTY = "third_party", _("Bewertung durch Dritte")

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Für welche Website die Erklärung gilt und nach welchen Vorschriften."),
    )
    compliance_status = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=20,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("Wie weit die Website die Anforderungen der BITV NRW erfüllt."),
    )
    compliance_text = models.TextField(_("Erläuterung zum Stand"), blank=True)
    non_accessible_content = StreamField(
        [("item", NonAccessibleContentBlock())],
        blank=True,
        verbose_name=_("Nicht barrierefreie Inhalte"),
        help_text=_("Je Inhalt: was nicht barrierefrei ist, warum, und welche Alternative es gibt."),
    )
    prepared_on = models.DateField(_("Erklärung erstellt am"))
    reviewed_on = models.DateField(_("Zuletzt überprüft am"), null=True, blank=True)
    assessment_method = models.CharField(
        _("Methode der Bewertung"), max_length=20, choices=Method.choices, default=Method.SELF
    )
    assessment_note = models.TextField(
        _("Angaben zur Bewertung"),
        blank=True,
        help_text=_("Z. B. womit geprüft wurde (Prüfwerkzeuge, Tests mit Tastatur und Screenreader)."),
    )
    feedback_text = models.TextField(
        _("Text zu Feedback und Kontakt"),
        blank=True,
        help_text=_(
            "Der Link zum Formular „Barriere melden“ und die Kontaktdaten aus den Portal-Einstellungen "
            "erscheinen automatisch."
        ),
    )
    enforcement_text = models.TextField(_("Text zum Durchsetzungsverfahren"), blank=True)
    enforcement_url = models.URLField(
        _("Adresse der Ombudsstelle"),
        default=OMBUDSSTELLE_URL,
        help_text=_("Ombudsstelle für barrierefreie Informationstechnik des Landes NRW (§ 10d BGG NRW)."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Weitere Inhalte"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("compliance_status"), FieldPanel("compliance_text")],
            heading=_("Stand der Vereinbarkeit mit den Anforderungen"),
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("assessment_method"),
                FieldPanel("assessment_note"),
            ],
            heading=_("Erstellung dieser Erklärung"),
        ),
        FieldPanel("feedback_text"),
        MultiFieldPanel(
            [FieldPanel("enforcement_text"), FieldPanel("enforcement_url")],
            heading=_("Durchsetzungsverfahren"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("compliance_text"),
    ]

    parent_page_types = ["regions.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärungen zur Barrierefreiheit")

    @property
    def feedback_url(self):
        return reverse("accessibility_feedback")


class AccessibilityFeedback(models.Model):
    """A barrier a visitor reported with the form „Barriere melden“, kept until the editors have answered."""

    class Status(models.TextChoices):
        NEW = "new", _("Neu")
        IN_PROGRESS = "in_progress", _("In Bearbeitung")
        DONE = "done", _("Erledigt")

    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    message = models.TextField(_("Meldung"))
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NEW)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Barriere-Meldung")
        verbose_name_plural = _("Barriere-Meldungen")

    def __str__(self):
        return Truncator(self.message).chars(60)


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Site-wide facts editors maintain once: portal name, publisher, and the pages the footer links to."""

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
    easy_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Leichte Sprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Erklärungen in Leichter Sprache (BITV 2.0 § 4); verlinkt auf der Startseite und im Fuß."
        ),
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Gebärdensprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Erklärungen in Deutscher Gebärdensprache (BITV 2.0 § 4); verlinkt auf der Startseite und im Fuß."
        ),
    )

    publisher_name = models.CharField(
        _("Name der herausgebenden Stelle"),
        max_length=200,
        blank=True,
        help_text=_("Anbieter nach § 5 DDG, wie er im Impressum und im Fuß jeder Seite steht."),
    )
    publisher_legal_form = models.CharField(
        _("Rechtsform"),
        max_length=200,
        blank=True,
        help_text=_("Z. B. „Körperschaft des öffentlichen Rechts“ oder „GmbH“."),
    )
    publisher_representative = models.CharField(
        _("Vertreten durch"),
        max_length=200,
        blank=True,
        help_text=_("Wer die Stelle vertritt, mit Funktion, z. B. „die Geschäftsführerin Vorname Name“."),
    )
    publisher_street = models.CharField(_("Straße und Hausnummer"), max_length=255, blank=True)
    publisher_postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    publisher_locality = models.CharField(_("Ort"), max_length=100, blank=True)
    publisher_phone = PhoneNumberField(
        _("Telefon"), blank=True, help_text=_("Mit Vorwahl, z. B. „0211 8995680“.")
    )
    publisher_email = models.EmailField(
        _("E-Mail"), blank=True, help_text=_("Adresse für schnelle elektronische Kontaktaufnahme (§ 5 DDG).")
    )
    responsible_name = models.CharField(
        _("Name der verantwortlichen Person"),
        max_length=200,
        blank=True,
        help_text=_("Inhaltlich verantwortlich nach § 18 Abs. 2 MStV."),
    )
    responsible_address = models.TextField(
        _("Anschrift der verantwortlichen Person"),
        blank=True,
        help_text=_(
            "Eine Zeile pro Zeile der Anschrift; leer lassen, wenn es die Anschrift des Anbieters ist."
        ),
    )
    feedback_email = models.EmailField(
        _("E-Mail-Adresse für Barriere-Meldungen"),
        blank=True,
        help_text=_(
            "Wer benachrichtigt wird, wenn jemand das Formular „Barriere melden“ absendet. Leer lassen, "
            "um die E-Mail-Adresse des Anbieters zu verwenden."
        ),
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
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
                    MultiFieldPanel(
                        [PageChooserPanel("easy_language_page"), PageChooserPanel("sign_language_page")],
                        heading=_("Leichte Sprache und Gebärdensprache"),
                    ),
                ],
                heading=_("Portal"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("publisher_name"),
                            FieldPanel("publisher_legal_form"),
                            FieldPanel("publisher_representative"),
                            FieldPanel("publisher_street"),
                            FieldPanel("publisher_postal_code"),
                            FieldPanel("publisher_locality"),
                            FieldPanel("publisher_phone"),
                            FieldPanel("publisher_email"),
                        ],
                        heading=_("Anbieter nach § 5 DDG"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("responsible_name"), FieldPanel("responsible_address")],
                        heading=_("Inhaltlich verantwortlich nach § 18 Abs. 2 MStV"),
                    ),
                ],
                heading=_("Anbieter"),
            ),
            ObjectList([FieldPanel("feedback_email")], heading=_("Barriere melden")),
        ]
    )

    class Meta:
        verbose_name = _("Portal-Einstellungen")

    @cached_property
    def footer_links(self):
        """The legal pages the footer links to, in their fixed order, only where set and live."""
        pages = [self.imprint_page, self.privacy_page, self.accessibility_page]
        return [page for page in pages if page is not None and page.live]

    @cached_property
    def accessible_versions(self):
        """The pages in Leichte Sprache and Gebärdensprache with their KERN icon, only where set and live."""
        pages = [(self.easy_language_page, "easy-language"), (self.sign_language_page, "sign-language")]
        return [{"page": page, "icon": icon} for page, icon in pages if page is not None and page.live]

    @property
    def publisher_address_lines(self):
        """The publisher's postal address as printed lines, empty parts left out."""
        city = " ".join(part for part in (self.publisher_postal_code, self.publisher_locality) if part)
        return [line for line in (self.publisher_street, city) if line]

    @property
    def publisher_line(self):
        """Name and address in one line for the footer, e.g. "Stelle, Straße 1, 40227 Düsseldorf"."""
        return ", ".join([self.publisher_name, *self.publisher_address_lines] if self.publisher_name else [])

    @property
    def publisher_phone_display(self):
        return self.publisher_phone.as_national if self.publisher_phone else ""

    @property
    def responsible_address_lines(self):
        """The responsible person's address, or the publisher's when none is given."""
        lines = [line.strip() for line in self.responsible_address.splitlines() if line.strip()]
        return lines or self.publisher_address_lines

    @property
    def feedback_recipients(self):
        """Who gets an e-mail about a reported barrier: the feedback address, else the publisher's."""
        address = self.feedback_email or self.publisher_email
        return [address] if address else []
