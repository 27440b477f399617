"""The public form „Barriere melden“ (the feedback mechanism § 10b BGG NRW asks for).

The form carries no CSRF token, so its page sets no cookie and stays cacheable like every other
public page. That is safe here: nothing is tied to a login or session, and a forged submission can
do no more than a visitor can do by hand — leave a message for the editors. A hidden trap field
keeps simple bots out instead of a captcha, which would itself be a barrier.
"""

import logging
from smtplib import SMTPException
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from core.models import PortalSettings
from legal.forms import AccessibilityFeedbackForm
from legal.models import OMBUDSSTELLE_URL, AccessibilityStatementPage

logger = logging.getLogger(__name__)


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def feedback_recipients(portal_settings):
    """The feedback address from the settings, else the publisher's, else every active superuser."""
    recipients = portal_settings.feedback_recipients
    if recipients:
        return recipients
    superusers = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
    return list(superusers.values_list("email", flat=True))


def notify_editors(feedback, portal_settings):
    """E-mail the editors about a new report; the report is already stored, so a failure loses nothing."""
    recipients = feedback_recipients(portal_settings)
    if not recipients:
        logger.warning("Barriere-Meldung %s gespeichert, aber ohne Empfängeradresse.", feedback.pk)
        return
    admin_url = urljoin(
        settings.WAGTAILADMIN_BASE_URL, reverse("accessibility_feedback_admin:inspect", args=[feedback.pk])
    )
    page = " ".join(feedback.page_url.split()) or "ohne Seitenangabe"  # no line breaks in a header
    message = EmailMessage(
        subject=f"Barriere gemeldet: {page}"[:150],
        body=render_to_string(
            "legal/email/feedback_notification.txt",
            {"feedback": feedback, "admin_url": admin_url, "portal_name": portal_settings.portal_name},
        ),
        to=recipients,
        reply_to=[feedback.email] if feedback.email else None,
    )
    try:
        message.send()
    except (SMTPException, OSError, ValueError):  # ValueError covers BadHeaderError
        logger.exception("Benachrichtigung zur Barriere-Meldung %s nicht versandt.", feedback.pk)


def _enforcement_url():
    statement = AccessibilityStatementPage.objects.live().public().first()
    return statement.enforcement_url if statement else OMBUDSSTELLE_URL


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def accessibility_feedback(request):
    """GET shows the form (the page address prefilled from ?seite=); POST stores, notifies, thanks."""
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST)
        if form.is_valid():
            if not form.is_spam():
                portal_settings = PortalSettings.for_site(_site(request))
                feedback = form.save()
                notify_editors(feedback, portal_settings)
            context = {
                "title": _("Vielen Dank für Ihre Meldung"),
                "email_given": bool(form.cleaned_data["email"]),
                "ombuds_url": _enforcement_url(),
            }
            return render(request, "legal/feedback_sent.html", context)
    else:
        form = AccessibilityFeedbackForm(initial={"page_url": request.GET.get("seite", "")[:500]})
    context = {"title": _("Barriere melden"), "form": form, "has_errors": bool(form.errors)}
    return render(request, "legal/feedback_form.html", context, status=400 if form.errors else 200)
