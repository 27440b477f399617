"""Subscription pages.

The forms carry no CSRF token, so these pages set no cookie and stay cacheable like every other
public page. That is safe here: nothing is tied to a login or session, a forged sign-up only
triggers a confirmation e-mail (double opt-in), and the token links authenticate themselves.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from newsletter import subscriptions
from newsletter.forms import SubscribeForm, UnsubscribeForm
from newsletter.models import NewsletterSettings, Subscriber
from newsletter.tokens import InvalidToken

TOKEN_MESSAGES = {
    "expired": "Dieser Bestätigungslink ist abgelaufen. Bitte melden Sie sich erneut an.",
    "used": "Dieser Bestätigungslink wurde bereits verwendet.",
    "invalid": "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig kopiert wurde.",
}


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


PAGE_TITLES = {
    "subscribe.html": _("Newsletter bestellen"),
    "subscribe_sent.html": _("Bitte bestätigen Sie Ihre Anmeldung"),
    "confirm.html": _("Anmeldung bestätigen"),
    "confirmed.html": _("Anmeldung bestätigt"),
    "unsubscribe.html": _("Newsletter abbestellen"),
    "unsubscribe_form.html": _("Newsletter abbestellen"),
    "unsubscribed.html": _("Abgemeldet"),
    "token_problem.html": _("Dieser Link funktioniert nicht"),
}


def _render(request, template, context=None, status=200):
    context = {"title": PAGE_TITLES[template], "has_errors": status == 400, **(context or {})}
    return render(request, f"newsletter/{template}", context, status=status)


@csrf_exempt
def subscribe(request):
    site = _site(request)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            subscriptions.request_subscription(form.cleaned_data["email"], site)
        return _render(request, "subscribe_sent.html", {"email": form.cleaned_data["email"]})
    wording = NewsletterSettings.for_site(site).consent_wording
    return _render(
        request, "subscribe.html", {"form": form, "wording": wording}, status=400 if form.errors else 200
    )


@csrf_exempt
@never_cache
def confirm(request, token):
    """GET shows a button (mail scanners follow links); POST confirms."""
    try:
        subscriber = subscriptions.subscriber_for_confirmation(token)
    except InvalidToken as error:
        status = 400 if error.reason == "invalid" else 410
        return _render(
            request, "token_problem.html", {"message": TOKEN_MESSAGES[error.reason]}, status=status
        )
    if request.method == "POST":
        subscriptions.confirm(subscriber)
        return _render(request, "confirmed.html")
    return _render(request, "confirm.html", {"email": subscriber.email})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token; the signed link authenticates
@never_cache
def unsubscribe(request, token):
    try:
        subscriber = subscriptions.subscriber_for_unsubscribe(token)
    except InvalidToken:
        return _render(request, "token_problem.html", {"message": TOKEN_MESSAGES["invalid"]}, status=400)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        return _render(request, "unsubscribed.html")
    already = subscriber.status == Subscriber.Status.UNSUBSCRIBED
    return _render(request, "unsubscribe.html", {"email": subscriber.email, "already": already})


@csrf_exempt
def unsubscribe_form(request):
    """Unsubscribe by address; the answer is the same whether or not the address was subscribed."""
    form = UnsubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscriber = Subscriber.objects.filter(email=form.cleaned_data["email"].strip().lower()).first()
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber)
        return _render(request, "unsubscribed.html")
    return _render(
        request,
        "unsubscribe_form.html",
        {"form": form, "subscribe_url": reverse("newsletter_subscribe")},
        status=400 if form.errors else 200,
    )
