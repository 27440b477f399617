"""Admin report „Defekte Links“: broken links and the pages containing them, as far as the user edits them."""

import datetime

import django_filters
from django.db.models import Exists, Max, OuterRef, Prefetch
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.admin_reports import PAGE_EDITING_ACTIONS
from linkcheck.models import Link, LinkOccurrence
from regions.admin_filters import region_filter
from regions.queries import in_regions


class BrokenLinksFilterSet(WagtailFilterSet):
    """The report's filters: region (links on pages in its subtree) and internal/external."""

    region = region_filter("filter_region")
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=Link.Kind.choices, empty_label=_("Alle Links"))

    class Meta:
        model = Link
        fields = ["region", "kind"]

    def filter_region(self, queryset, name, value):
        """Applied by the view: it narrows the occurrences, and with them the links, to the region."""
        return queryset


class BrokenLinksView(ReportView):
    """Broken links on the pages the user may edit, with where they occur; exportable as CSV or XLSX."""

    page_title = _("Defekte Links")
    header_icon = "warning"
    template_name = "linkcheck/broken_links.html"
    results_template_name = "linkcheck/broken_links_results.html"
    index_url_name = "linkcheck_broken_links"
    index_results_url_name = "linkcheck_broken_links_results"
    filterset_class = BrokenLinksFilterSet
    model = Link
    permission_policy = PagePermissionPolicy()
    any_permission_required = PAGE_EDITING_ACTIONS
    default_ordering = ("-failing_since", "url")
    export_filename = "defekte-links"
    list_export = [
        "url",
        "label",
        "get_kind_display",
        "result_display",
        "failing_since",
        "last_checked_at",
        "last_ok_at",
        "pages_display",
    ]
    export_headings = {
        "url": _("Adresse"),
        "label": _("Ziel"),
        "get_kind_display": _("Art"),
        "result_display": _("Ergebnis"),
        "failing_since": _("Fehlerhaft seit"),
        "last_checked_at": _("Zuletzt geprüft"),
        "last_ok_at": _("Zuletzt erreichbar"),
        "pages_display": _("Enthalten in"),
    }
    # Times in the spreadsheet as editors read them: local time, in German notation for CSV.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime.datetime: {
            ReportView.FORMAT_CSV: lambda value: localtime(value).strftime("%d.%m.%Y %H:%M"),
            ReportView.FORMAT_XLSX: lambda value: localtime(value).replace(tzinfo=None),
        },
    }

    @cached_property
    def occurrences_in_scope(self):
        """Occurrences on pages the user may edit, within the chosen region."""
        pages = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, PAGE_EDITING_ACTIONS
        )
        occurrences = LinkOccurrence.objects.filter(page__in=pages)
        region = self.filters.form.cleaned_data.get("region") if self.filters.is_valid() else None
        if region is not None:
            occurrences = occurrences.filter(page__in=in_regions(Page.objects.all(), [region]))
        return occurrences

    def get_base_queryset(self):
        occurrences = self.occurrences_in_scope
        return (
            Link.objects.broken()
            .filter(Exists(occurrences.filter(link=OuterRef("pk"))))
            .prefetch_related(
                Prefetch(
                    "occurrences",
                    queryset=occurrences.select_related("page").order_by("page__title", "field"),
                    to_attr="visible_occurrences",
                )
            )
        )

    def decorate_paginated_queryset(self, object_list):
        links = list(object_list)
        for link in links:
            link.pages_display = "; ".join(
                f"{occurrence.page.title} ({occurrence.field})" for occurrence in link.visible_occurrences
            )
        return links

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["last_run"] = Link.objects.aggregate(last=Max("last_checked_at"))["last"]
        return context
