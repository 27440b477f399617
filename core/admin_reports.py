"""What the admin reports about pages share: who may see them, and the filter by region."""

import django_filters
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_EDITING_ACTIONS = ["add", "change", "publish"]


class PageEditorsMenuItem(MenuItem):
    """A report in the "Berichte" menu, shown to everyone who may add, change or publish some page."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, PAGE_EDITING_ACTIONS)


def region_filter(method):
    """The report filter "Region": one region page; `method` narrows the report to its subtree."""
    return django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=lambda request: apps.get_model("regions", "RegionPage").objects.order_by("title"),
        empty_label=_("Alle Regionen"),
        method=method,
    )
