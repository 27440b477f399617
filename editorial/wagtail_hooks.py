"""Admin: rights for new regions and sections, the report "Prüftermine", the dashboard panel with due
reviews, and review dates that apply at once."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Site

from core.admin_reports import PageEditorsMenuItem
from core.models import BasePage
from core.models.pages import REVIEW_FIELDS
from editorial.roles import setup_editorial
from editorial.views import ReviewDuePanel, ReviewReportView


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
    return PageEditorsMenuItem(
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


def set_up_rights_if_top_level(page):
    """A page directly below a site's home page is a region or a shared section: give it its team."""
    site = Site.objects.filter(root_page_id=page.get_parent().pk).first()
    if site is not None:
        setup_editorial(site)


@hooks.register("after_create_page")
def set_up_rights_for_created_page(request, page):
    set_up_rights_if_top_level(page)


@hooks.register("after_copy_page")
def set_up_rights_for_copied_page(request, page, new_page):
    set_up_rights_if_top_level(new_page)


@hooks.register("after_move_page")
def set_up_rights_for_moved_page(request, page):
    set_up_rights_if_top_level(page)
