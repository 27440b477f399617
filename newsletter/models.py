"""Newsletter issues composed from portal content, subscribers with double opt-in, and deliveries."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.images import renditions
from core.models import BasePage

CONSENT_WORDING = (
    "Ja, ich möchte den Newsletter per E-Mail erhalten. Meine E-Mail-Adresse wird nur für den Versand "
    "des Newsletters verwendet und nicht weitergegeben. Ich kann die Einwilligung jederzeit mit Wirkung "
    "für die Zukunft widerrufen, über den Abmeldelink in jeder Ausgabe oder das Abmeldeformular."
)


@register_setting(icon="mail")
class NewsletterSettings(BaseSiteSetting):
    """Who publishes the newsletter and the wording subscribers consent to."""

    publisher = models.ForeignKey(
        "contacts.OrganisationPage",
        verbose_name=_("Herausgeber"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Name, Anschrift, Telefon und E-Mail im Fuß jeder Ausgabe kommen von dieser Seite."),
    )
    consent_wording = models.TextField(_("Wortlaut der Einwilligung"), default=CONSENT_WORDING)
    consent_version = models.CharField(
        _("Version des Wortlauts"),
        max_length=20,
        default="2026-11",
        help_text=_("Bei jeder Änderung des Wortlauts erhöhen; jede Einwilligung speichert ihre Version."),
    )

    select_related = ["publisher"]

    panels = [
        FieldPanel("publisher"),
        MultiFieldPanel(
            [FieldPanel("consent_wording"), FieldPanel("consent_version")], heading=_("Einwilligung")
        ),
    ]

    class Meta:
        verbose_name = _("Newsletter-Einstellungen")


class NewsletterIndexPage(BasePage):
    """The newsletter archive: every sent issue, with the way to subscribe."""

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count = 1
    template = "pages/newsletter_index_page.html"

    class Meta:
        verbose_name = _("Newsletter-Archiv")

    def issues(self):
        return NewsletterIssuePage.objects.child_of(self).live().public().order_by("-issue_date", "-pk")


class NewsletterIssuePage(BasePage):
    """One newsletter issue: an editorial and chosen news and events; its page is the web version."""

    issue_date = models.DateField(_("Ausgabe vom"), default=timezone.localdate)
    editorial_author = models.ForeignKey(
        "contacts.ContactPersonPage",
        verbose_name=_("Editorial von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    greeting = models.CharField(_("Anrede"), max_length=100, default="Liebe Leserin, lieber Leser,")
    editorial = RichTextField(_("Editorial"), features=RICH_TEXT_FEATURES)
    closing = models.CharField(_("Grußformel"), max_length=100, default="Herzliche Grüße")

    content_panels = BasePage.content_panels + [
        FieldPanel("issue_date"),
        MultiFieldPanel(
            [
                FieldPanel("editorial_author"),
                FieldPanel("greeting"),
                FieldPanel("editorial"),
                FieldPanel("closing"),
            ],
            heading=_("Editorial"),
        ),
        InlinePanel("news_items", label=_("Meldung")),
        InlinePanel("event_items", label=_("Veranstaltung")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("editorial")]

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    template = "pages/newsletter_issue_page.html"
    serve_select_related = ("listing_image", "editorial_author__organisation", "editorial_author__photo")

    class Meta:
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")

    @property
    def teaser_kind(self):
        return _("Newsletter")

    @property
    def teaser_date(self):
        return self.issue_date

    def news(self):
        """The issue's published news in the chosen order, with their teaser images, in fixed queries."""
        items = self.news_items.select_related("page__listing_image").prefetch_related(
            renditions("page__listing_image", "teaser")
        )
        return [item.page for item in items if item.page.live]

    def events(self):
        """The issue's published events in the chosen order, with dates and teaser images."""
        items = self.event_items.select_related("page__listing_image").prefetch_related(
            "page__dates", renditions("page__listing_image", "teaser")
        )
        return [item.page for item in items if item.page.live]

    def publisher(self):
        """The publishing organisation from the Newsletter-Einstellungen of the issue's site, in one query."""
        url_parts = self.get_url_parts()  # from Wagtail's cached site root paths, no query
        if url_parts is None:
            return None
        return NewsletterSettings.base_queryset().get_or_create(site_id=url_parts[0])[0].publisher

    def delivery_counts(self):
        """Deliveries of this issue by status, e.g. {"sent": 120, "failed": 2, "queued": 0}."""
        counts = dict.fromkeys(Delivery.Status.values, 0)
        for row in self.deliveries.values("status").annotate(total=models.Count("pk")):
            counts[row["status"]] = row["total"]
        return counts


class NewsletterNewsItem(Orderable):
    issue = ParentalKey(NewsletterIssuePage, related_name="news_items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "news.NewsPage", verbose_name=_("Meldung"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("page")]


class NewsletterEventItem(Orderable):
    issue = ParentalKey(NewsletterIssuePage, related_name="event_items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "news.EventPage", verbose_name=_("Veranstaltung"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("page")]


def new_key():
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """An e-mail address that asked for the newsletter; only confirmed ones receive issues."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Bestätigung")
        CONFIRMED = "confirmed", _("bestätigt")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    email = models.EmailField(_("E-Mail"), unique=True)
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    confirmation_key = models.CharField(max_length=32, default=new_key, editable=False)
    unsubscribe_key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Abonnentin oder Abonnent")
        verbose_name_plural = _("Abonnements")
        ordering = ["email"]

    def __str__(self):
        return self.email


class ConsentRecord(models.Model):
    """Proof of one subscription: the wording agreed to, its version, when asked and when confirmed."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    wording = models.TextField(_("Wortlaut"))
    wording_version = models.CharField(_("Version"), max_length=20)
    requested_at = models.DateTimeField(_("angefordert am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-requested_at"]

    def __str__(self):
        def when(moment):
            return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else "–"

        return (
            f"Wortlaut Version {self.wording_version}: angefordert {when(self.requested_at)}, "
            f"bestätigt {when(self.confirmed_at)}, widerrufen {when(self.withdrawn_at)}. "
            f"Wortlaut: „{self.wording}“"
        )


class Delivery(models.Model):
    """One issue to one subscriber; the unique pair makes sending twice impossible."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        SENDING = "sending", _("wird gesendet")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("fehlgeschlagen")

    issue = models.ForeignKey(NewsletterIssuePage, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_subscriber")
        ]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber or '(gelöscht)'}: {self.get_status_display()}"
