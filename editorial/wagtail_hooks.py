"""Admin: the report "Prüftermine", the dashboard panel with due reviews, review dates that apply at once."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from core.models import BasePage
from editorial.review import REVIEW_FIELDS
from editorial.views import ReviewDuePanel, ReviewReportView


class ReviewReportMenuItem(MenuItem):
    """Shown to everyone who may add, change or publish some page, like Wagtail's own page reports."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("berichte/prueftermine/", ReviewReportView.as_view(), name="editorial_review_report"),
        path(
            "berichte/prueftermine/ergebnisse/",
            ReviewReportView.as_view(results_only=True),
            name="editorial_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Prüftermine"),
        reverse("editorial_review_report"),
        name="review-dates",
        icon_name="calendar-check",
        order=1150,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel(request.user))


@hooks.register("after_edit_page")
def apply_review_fields_at_once(request, page):
    """Owner and review dates take effect on saving a draft too, not only when the page is published."""
    if isinstance(page, BasePage):
        values = {name: getattr(page, name) for name in REVIEW_FIELDS}
        type(page)._default_manager.filter(pk=page.pk).update(**values)
