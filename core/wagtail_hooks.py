"""Admin: the reported barriers, and the accessibility checker editors see in the page editor."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.models import AccessibilityFeedback
from core.permissions import NoManualAddPolicy

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


class PortalContentCheckerItem(ContentCheckerItem):
    """Wagtail's accessibility checker on what editors write (the main area), plus images without alt text."""

    axe_include = ["main"]
    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt"]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Bild ohne Alternativtext"),
            "help_text": _("Alternativtext eintragen oder das Bild ausdrücklich als dekorativ kennzeichnen"),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_portal_accessibility_checker(request, items, page):
    """Used by the userbar and by the "Prüfungen" panel of the page editor alike."""
    items[:] = [
        PortalContentCheckerItem(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]
