"""The filter "Region" of the admin reports."""

import django_filters
from django.utils.translation import gettext_lazy as _

from regions.models import RegionPage


def region_filter(method):
    """The report filter "Region": one region page; `method` narrows the report to its subtree."""
    return django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=lambda request: RegionPage.objects.order_by("title"),
        empty_label=_("Alle Regionen"),
        method=method,
    )
