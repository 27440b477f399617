"""The links found in page content, what their last check found, and where each one occurs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkQuerySet(models.QuerySet):
    def broken(self):
        """Links whose last check failed."""
        return self.filter(failing_since__isnull=False)


class Link(models.Model):
    """One link target (a web address, or a page or document by its number) and its last check."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Intern")
        EXTERNAL = "external", _("Extern")

    url = models.CharField(
        _("Adresse"),
        max_length=2000,
        unique=True,
        help_text=_("Vereinheitlicht; Verweise auf Seiten und Dokumente als „page:12“ und „document:3“."),
    )
    label = models.CharField(
        _("Ziel"), max_length=300, blank=True, help_text=_("Titel der verlinkten Seite oder des Dokuments.")
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP-Status"), null=True, blank=True)
    error = models.CharField(_("Fehler"), max_length=255, blank=True)
    last_checked_at = models.DateTimeField(_("Zuletzt geprüft"), null=True, blank=True)
    last_ok_at = models.DateTimeField(_("Zuletzt erreichbar"), null=True, blank=True)
    failing_since = models.DateTimeField(_("Fehlerhaft seit"), null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("Link")
        verbose_name_plural = _("Links")

    def __str__(self):
        return self.label or self.url

    @property
    def is_broken(self):
        return self.failing_since is not None

    @property
    def is_web_address(self):
        """True for http(s) addresses, which the report can link to."""
        return self.url.startswith(("http://", "https://"))

    @property
    def result_display(self):
        """What the last check found, e.g. "404 · Nicht gefunden" or "Zeitüberschreitung"."""
        if self.status_code and self.error:
            return f"{self.status_code} · {self.error}"
        return self.error or (str(self.status_code) if self.status_code else "")

    def record(self, result, checked_at):
        """Take over a check result; a failure keeps when the link last worked and since when it fails."""
        self.status_code = result.status_code
        self.error = result.error[:255]
        self.last_checked_at = checked_at
        if result.label:
            self.label = result.label[:300]
        if result.ok:
            self.last_ok_at = checked_at
            self.failing_since = None
        elif self.failing_since is None:
            self.failing_since = checked_at


class LinkOccurrence(models.Model):
    """Where a link occurs: the page and the field or block, e.g. "Inhalt › Text"."""

    link = models.ForeignKey(
        Link, verbose_name=_("Link"), on_delete=models.CASCADE, related_name="occurrences"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(_("Fundstelle"), max_length=255)

    class Meta:
        verbose_name = _("Fundstelle")
        verbose_name_plural = _("Fundstellen")
        constraints = [
            models.UniqueConstraint(fields=["link", "page", "field"], name="linkcheck_unique_occurrence")
        ]

    def __str__(self):
        return f"{self.page} – {self.field}"
