"""Admin: the report „Defekte Links“ under „Berichte“, for everyone who may edit pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin_reports import PageEditorsMenuItem
from linkcheck.views import BrokenLinksView


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return PageEditorsMenuItem(
        _("Defekte Links"),
        reverse("linkcheck_broken_links"),
        name="broken-links",
        icon_name="warning",
        order=1050,
    )


@hooks.register("register_admin_urls")
def register_broken_links_urls():
    return [
        path("defekte-links/", BrokenLinksView.as_view(), name="linkcheck_broken_links"),
        path(
            "defekte-links/ergebnisse/",
            BrokenLinksView.as_view(results_only=True),
            name="linkcheck_broken_links_results",
        ),
    ]
