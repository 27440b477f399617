"""Site-wide settings editors maintain once, in Einstellungen → Portal-Einstellungen."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, PageChooserPanel, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def page_setting(verbose_name, help_text=""):
    """A setting that points to one page; the setting is emptied if the page is deleted."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Site-wide facts editors maintain once: portal name, publisher, and the pages the footer links to."""

    portal_name = models.CharField(_("Name des Portals"), max_length=100, default="regionen.NRW")
    portal_claim = models.CharField(
        _("Untertitel"), max_length=200, blank=True, help_text=_("Kurzer Satz unter dem Namen im Kopf.")
    )
    imprint_page = page_setting(_("Impressum"))
    privacy_page = page_setting(_("Datenschutzerklärung"))
    accessibility_page = page_setting(_("Erklärung zur Barrierefreiheit"))
    easy_language_page = page_setting(
        _("Leichte Sprache"),
        help_text=_(
            "Erklärungen in Leichter Sprache (BITV 2.0 § 4); verlinkt auf der Startseite und im Fuß."
        ),
    )
    sign_language_page = page_setting(
        _("Gebärdensprache"),
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

    # The footer's pages come in the same query as the settings (once per request, see for_request).
    select_related = [
        "imprint_page",
        "privacy_page",
        "accessibility_page",
        "easy_language_page",
        "sign_language_page",
    ]

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
