"""The legally required pages: Impressum, accessibility statement, and the barriers visitors report."""

from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from legal.blocks import NonAccessibleContentBlock


class ImprintPage(BasePage):
    """The Impressum: shows the publisher data kept in the portal settings, plus the editors' text."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("Weitere Angaben"),
        help_text=_(
            "Anbieter und inhaltlich Verantwortliche kommen aus den Portal-Einstellungen "
            "(Reiter „Anbieter“); hier steht, was darüber hinaus ins Impressum gehört."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

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
    search_fields = BasePage.search_fields + [index.SearchField("compliance_text")]

    parent_page_types = ["regions.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/accessibility_statement_page.html"
    intro_help_text = _("Für welche Website die Erklärung gilt und nach welchen Vorschriften.")

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
