"""Admin: the reported barriers, for the editors to read, answer and mark as done."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.models import AccessibilityFeedback


class ReportsComeFromVisitorsPolicy(ModelPermissionPolicy):
    """Reports only come in through the public form, so staff may not add them by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AccessibilityFeedback, ReportsComeFromVisitorsPolicy(AccessibilityFeedback))


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
