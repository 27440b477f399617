"""Double opt-in: request, confirm, unsubscribe, each leaving a consent record that proves it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from newsletter.models import ConsentRecord, NewsletterSettings, Subscriber, new_key
from newsletter.tokens import (
    InvalidToken,
    confirmation_token,
    read_confirmation_token,
    read_unsubscribe_token,
)


@transaction.atomic
def request_subscription(email, site):
    """Record the request and e-mail a confirmation link, unless the address is already confirmed."""
    subscriber, _created = Subscriber.objects.get_or_create(email=email.strip().lower())
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    newsletter_settings = NewsletterSettings.for_site(site)
    subscriber.status = Subscriber.Status.PENDING
    subscriber.confirmation_key = new_key()
    subscriber.save()
    ConsentRecord.objects.create(
        subscriber=subscriber,
        wording=newsletter_settings.consent_wording,
        wording_version=newsletter_settings.consent_version,
    )
    link = site.root_url + reverse("newsletter_confirm", args=[confirmation_token(subscriber)])
    context = {"link": link, "site_name": site.site_name, "wording": newsletter_settings.consent_wording}
    message = EmailMultiAlternatives(
        subject=f"Bitte bestätigen Sie Ihre Anmeldung zum Newsletter von {site.site_name}",
        body=render_to_string("newsletter/email/confirm.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    )
    transaction.on_commit(message.send)
    return subscriber


def subscriber_for_confirmation(token):
    """The subscriber a confirmation link belongs to; raises InvalidToken ("used" when already used)."""
    subscriber_id, key = read_confirmation_token(token)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        raise InvalidToken("invalid")
    if subscriber.confirmation_key != key:
        raise InvalidToken("used")
    return subscriber


@transaction.atomic
def confirm(subscriber):
    now = timezone.now()
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = now
    subscriber.unsubscribed_at = None
    subscriber.confirmation_key = new_key()  # the link cannot be used again
    subscriber.save()
    subscriber.consents.filter(confirmed_at__isnull=True, withdrawn_at__isnull=True).update(confirmed_at=now)


def subscriber_for_unsubscribe(token):
    subscriber_id, key = read_unsubscribe_token(token)
    subscriber = Subscriber.objects.filter(pk=subscriber_id, unsubscribe_key=key).first()
    if subscriber is None:
        raise InvalidToken("invalid")
    return subscriber


@transaction.atomic
def unsubscribe(subscriber):
    """Withdraw consent; the address receives nothing more until it subscribes again."""
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return
    now = timezone.now()
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = now
    subscriber.save()
    subscriber.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
