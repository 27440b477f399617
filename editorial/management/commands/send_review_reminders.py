"""Remind page owners by e-mail of their pages whose review date has passed, at most once a week per page."""

import logging
from collections import defaultdict
from smtplib import SMTPException
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page

from editorial.models import ReviewReminder
from editorial.review import REMINDER_INTERVAL, overdue, with_review_fields

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Schickt jeder verantwortlichen Person eine E-Mail mit ihren Seiten, deren Prüfdatum verstrichen ist."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        pages_by_owner = self.pages_to_remind(now)
        owners = get_user_model().objects.in_bulk(pages_by_owner)
        sent = skipped = failed = 0
        for owner_id, pages in pages_by_owner.items():
            owner = owners[owner_id]
            if not owner.is_active or not owner.email:
                skipped += 1
            elif self.send(owner, pages):
                ReviewReminder.objects.bulk_create(
                    [ReviewReminder(page=page, user=owner, sent_at=now) for page in pages],
                    update_conflicts=True,
                    unique_fields=["page", "user"],
                    update_fields=["sent_at"],
                )
                sent += 1
            else:
                failed += 1
        self.stdout.write(
            f"Prüf-Erinnerungen: {sent} verschickt, {failed} fehlgeschlagen, "
            f"{skipped} übersprungen (inaktiv oder ohne E-Mail-Adresse)."
        )

    def pages_to_remind(self, now):
        """Overdue live pages per owner id, leaving out pages the owner was reminded of in the last week."""
        recently_reminded = set(
            ReviewReminder.objects.filter(sent_at__gt=now - REMINDER_INTERVAL).values_list(
                "user_id", "page_id"
            )
        )
        pages = (
            with_review_fields(Page.objects.live())
            .filter(overdue(timezone.localdate(now)), review_owner_id__isnull=False)
            .order_by("review_by", "title")
        )
        pages_by_owner = defaultdict(list)
        for page in pages:
            if (page.review_owner_id, page.pk) not in recently_reminded:
                page.edit_url = urljoin(
                    settings.WAGTAILADMIN_BASE_URL, reverse("wagtailadmin_pages:edit", args=[page.pk])
                )
                pages_by_owner[page.review_owner_id].append(page)
        return pages_by_owner

    def send(self, owner, pages):
        """One e-mail listing all of an owner's pages; False if the mail server refused it."""
        context = {
            "name": get_user_display_name(owner),
            "pages": pages,
            "report_url": urljoin(settings.WAGTAILADMIN_BASE_URL, reverse("editorial_review_report")),
        }
        message = EmailMessage(
            subject=render_to_string("editorial/email/review_reminder_subject.txt", context).strip(),
            body=render_to_string("editorial/email/review_reminder.txt", context),
            to=[owner.email],
        )
        try:
            message.send()
        except (SMTPException, OSError, ValueError):  # ValueError covers BadHeaderError
            logger.exception("Prüf-Erinnerung an Benutzer %s nicht versandt.", owner.pk)
            return False
        return True
