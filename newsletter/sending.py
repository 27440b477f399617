"""Rendering an issue as e-mail and sending it in batches, at most once per subscriber.

A delivery is marked "sending" (and committed) before its message leaves and "sent" after. A run
that crashes in between leaves "sending" rows; the next run marks them failed instead of sending
again, so nobody gets an issue twice.
"""

import re
from html import unescape

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from newsletter.models import Delivery, Subscriber
from newsletter.tokens import unsubscribe_token

BATCH_SIZE = 50


def editorial_html(issue, root_url):
    """The editorial as HTML with every link made absolute, as e-mail needs."""
    html = expand_db_html(issue.editorial)
    return mark_safe(re.sub(r'(href|src)="/', rf'\1="{root_url}/', html))  # noqa: S308 - editor's rich text


def editorial_text(issue):
    """The editorial as plain text, paragraphs separated by blank lines."""
    html = re.sub(r"\s+", " ", issue.editorial)
    html = re.sub(r"<br\s*/?>", "\n", html)
    html = re.sub(r"</(p|h2|h3|li)>", "\n\n", html)
    lines = (line.strip() for line in unescape(strip_tags(html)).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def issue_context(issue):
    """What both e-mail parts show, with absolute URLs only."""
    site = issue.get_site()
    return {
        "editorial_html": editorial_html(issue, site.root_url),
        "editorial_text": editorial_text(issue),
        "issue": issue,
        "site_name": site.site_name,
        "root_url": site.root_url,
        "web_url": issue.full_url,
        "author": issue.editorial_author,
        "news": issue.news(),
        "events": issue.events(),
        "publisher": issue.publisher(),
    }


def build_message(issue, email, unsubscribe_url, context=None, connection=None):
    """The multipart e-mail of `issue` for one recipient, with RFC 8058 one-click unsubscribe headers."""
    context = {**(context or issue_context(issue)), "unsubscribe_url": unsubscribe_url}
    message = EmailMultiAlternatives(
        subject=issue.title,
        body=render_to_string("newsletter/email/issue.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=connection,
    )
    message.attach_alternative(render_to_string("newsletter/email/issue.html", context), "text/html")
    return message


def unsubscribe_url(issue, subscriber):
    return issue.get_site().root_url + reverse("newsletter_unsubscribe", args=[unsubscribe_token(subscriber)])


def send_test(issue, email):
    """A test copy to an editor; its unsubscribe link leads to the form, not to anybody's subscription."""
    form_url = issue.get_site().root_url + reverse("newsletter_unsubscribe_form")
    build_message(issue, email, form_url).send()


def queue_issue(issue):
    """Create a delivery for every confirmed subscriber not yet served; returns how many were added."""
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exclude(deliveries__issue=issue)
    deliveries = [Delivery(issue=issue, subscriber=subscriber) for subscriber in confirmed]
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    return len(deliveries)


def fail_interrupted():
    """Deliveries left "sending" by a crashed run: their message may have left, so never retry them."""
    return Delivery.objects.filter(status=Delivery.Status.SENDING).update(
        status=Delivery.Status.FAILED, error="Versand unterbrochen; zur Sicherheit nicht erneut gesendet."
    )


def send_batch(batch_size=BATCH_SIZE):
    """Send up to `batch_size` queued deliveries; returns the number handled (0 when nothing is left)."""
    with transaction.atomic():
        # Lock only the delivery rows (PostgreSQL refuses FOR UPDATE across the nullable subscriber join).
        locked = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=Delivery.Status.QUEUED)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        ids = list(locked)
        Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.SENDING)
    batch = list(Delivery.objects.filter(pk__in=ids).select_related("subscriber", "issue").order_by("pk"))
    contexts = {}
    with get_connection() as connection:
        for delivery in batch:
            send_one(delivery, contexts, connection)
    return len(batch)


def send_one(delivery, contexts, connection):
    subscriber, issue = delivery.subscriber, delivery.issue.specific
    if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
        delivery.status, delivery.error = Delivery.Status.FAILED, "Abonnement nicht mehr aktiv."
        delivery.save(update_fields=["status", "error", "updated_at"])
        return
    if issue.pk not in contexts:
        contexts[issue.pk] = issue_context(issue)
    try:
        build_message(
            issue, subscriber.email, unsubscribe_url(issue, subscriber), contexts[issue.pk], connection
        ).send()
    except Exception as error:  # noqa: BLE001 - any transport error is recorded per recipient
        delivery.status, delivery.error = Delivery.Status.FAILED, str(error)[:500]
    else:
        delivery.status, delivery.error = Delivery.Status.SENT, ""
    delivery.save(update_fields=["status", "error", "updated_at"])
