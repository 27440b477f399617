"""Admin: subscriptions (export, proof of consent, erasure) and the dispatch of an issue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from core.permissions import NoManualAddPolicy
from newsletter.models import NewsletterIssuePage, Subscriber
from newsletter.sending import queue_issue, send_test

register_permission_policy(Subscriber, NoManualAddPolicy(Subscriber))


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter-Abos")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status"]
    search_fields = ["email"]
    list_export = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    export_filename = "newsletter-abonnements"
    form_fields = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at", "consents"]


def dispatch_view(request, page_id):
    """Per issue: delivery counts, a test send to the editor's address, and sending to everyone."""
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    if request.method == "POST":
        if "test" in request.POST:
            address = request.POST.get("test_email") or request.user.email
            send_test(issue, address)
            messages.success(request, _("Testversand an %(address)s ist unterwegs.") % {"address": address})
        elif "send" in request.POST:
            if not issue.live:
                messages.error(
                    request,
                    _("Bitte veröffentlichen Sie die Ausgabe zuerst; die Webversion muss erreichbar sein."),
                )
            else:
                added = queue_issue(issue)
                messages.success(request, _("%(count)s Zustellungen eingereiht.") % {"count": added})
        return redirect("newsletter_dispatch", page_id=issue.pk)
    return TemplateResponse(
        request,
        "newsletter/admin/dispatch.html",
        {"issue": issue, "counts": issue.delivery_counts(), "default_email": request.user.email},
    )


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("newsletter_subscribers")


@hooks.register("register_admin_urls")
def register_dispatch_url():
    return [path("newsletter-versand/<int:page_id>/", dispatch_view, name="newsletter_dispatch")]


@hooks.register("register_page_header_buttons")
def dispatch_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, NewsletterIssuePage):
        yield HeaderButton(
            _("Versand"), url=reverse("newsletter_dispatch", args=[page.pk]), icon_name="mail", priority=5
        )
