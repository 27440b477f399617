"""What the editorial tools remember: when an owner was last reminded of an overdue page."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    """The last reminder e-mail about one page to its owner, so nobody is reminded more than once a week."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Verantwortlich"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("Erinnert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Prüf-Erinnerung")
        verbose_name_plural = _("Prüf-Erinnerungen")
        constraints = [models.UniqueConstraint(fields=["page", "user"], name="one_review_reminder_per_owner")]

    def __str__(self):
        return f"{self.page_id} → {self.user_id}: {self.sent_at:%d.%m.%Y}"
