"""Admin: the barriers visitors reported ("Barriere-Meldungen"); the footer link to the form."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import NoManualAddPolicy
from core.sections import SITE_SECTION_HOOK, Section
from legal.models import AccessibilityFeedback

register_permission_policy(AccessibilityFeedback, NoManualAddPolicy(AccessibilityFeedback))


class AccessibilityFeedbackViewSet(ModelViewSet):
    model = AccessibilityFeedback
    icon = "warning"
    menu_label = _("Barriere-Meldungen")
    menu_order = 240
    add_to_admin_menu = True
    url_prefix = "barriere-meldungen"
    list_display = ["created_at", "__str__", "page_url", "status"]
    list_filter = ["status"]
    search_fields = ["message", "page_url", "name", "email"]
    form_fields = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "status", "message", "page_url", "name", "email"]


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return AccessibilityFeedbackViewSet("accessibility_feedback_admin")


def feedback_link(request):
    """The footer link to „Barriere melden“, carrying the address of the page it is on."""
    return {"feedback_url": reverse("accessibility_feedback"), "page_path": request.path if request else ""}


@hooks.register(SITE_SECTION_HOOK)
def register_feedback_link():
    return Section(
        name="feedback", template="navigation/feedback_link.html", context=feedback_link, area="footer"
    )
