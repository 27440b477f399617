"""The report "Prüftermine" and the dashboard panel with the pages whose review is due."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.admin_reports import PAGE_EDITING_ACTIONS
from editorial.review import overdue, overdue_pages_of, ownerless, with_review_fields
from regions.admin_filters import region_filter
from regions.models import RegionPage
from regions.queries import in_regions

OVERDUE = "ueberfaellig"
OWNERLESS = "ohne-verantwortliche"
DASHBOARD_LIMIT = 10


class UserChoiceField(forms.ModelChoiceField):
    """Users listed by their full name, as elsewhere in the admin."""

    def label_from_instance(self, obj):
        return get_user_display_name(obj)


class UserChoiceFilter(django_filters.ModelChoiceFilter):
    """Filter by one user, listed by full name."""

    field_class = UserChoiceField


def owners(request):
    """Users responsible for a page the requesting user may edit, for the report's filter."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(request.user, PAGE_EDITING_ACTIONS)
    owner_ids = with_review_fields(pages).values("review_owner_id")
    return get_user_model().objects.filter(pk__in=owner_ids).order_by("last_name", "first_name", "username")


class ReviewReportFilterSet(WagtailFilterSet):
    """The report's filters: region (its whole subtree), status and owner."""

    region = region_filter("filter_region")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OVERDUE, _("überfällig")), (OWNERLESS, _("ohne Verantwortliche"))],
        empty_label=_("überfällig oder ohne Verantwortliche"),
        widget=forms.RadioSelect,
        method="filter_status",
    )
    owner = UserChoiceFilter(
        label=_("Verantwortlich"), queryset=owners, empty_label=_("Alle"), method="filter_owner"
    )

    class Meta:
        model = Page
        fields = []

    def filter_region(self, queryset, name, region):
        return in_regions(queryset, [region])

    def filter_status(self, queryset, name, status):
        condition = overdue(timezone.localdate()) if status == OVERDUE else ownerless()
        return queryset.filter(condition)

    def filter_owner(self, queryset, name, user):
        return queryset.filter(review_owner_id=user.pk)


class DateColumn(Column):
    """A date as "12.03.2026" in a <time> element."""

    cell_template_name = "editorial/date_cell.html"


class ReviewByColumn(Column):
    """The review date, marked "überfällig" once it has passed."""

    cell_template_name = "editorial/review_by_cell.html"


class OwnerColumn(Column):
    """The owner's name, or a warning tag when nobody is responsible."""

    cell_template_name = "editorial/owner_cell.html"


class ReviewReportView(PageReportView):
    """Live pages whose review date has passed or that have no owner, most overdue first."""

    page_title = _("Prüftermine")
    header_icon = "calendar-check"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    filterset_class = ReviewReportFilterSet
    index_url_name = "editorial_review_report"
    index_results_url_name = "editorial_review_report_results"
    any_permission_required = PAGE_EDITING_ACTIONS
    no_results_message = _("Keine Seite ist überfällig oder ohne Verantwortliche.")
    columns = [
        TitleColumn("title", label=_("Titel"), url_name="wagtailadmin_pages:edit"),
        Column("filing_region_title", label=_("Region")),
        OwnerColumn("review_owner_name", label=_("Verantwortlich")),
        ReviewByColumn("review_by", label=_("Prüfen bis")),
        DateColumn("last_reviewed_on", label=_("Zuletzt geprüft am")),
    ]
    list_export = [
        "title",
        "filing_region_title",
        "review_owner_name",
        "review_by",
        "last_reviewed_on",
        "edit_url",
    ]
    export_headings = {
        "title": _("Titel"),
        "filing_region_title": _("Region"),
        "review_owner_name": _("Verantwortlich"),
        "review_by": _("Prüfen bis"),
        "last_reviewed_on": _("Zuletzt geprüft am"),
        "edit_url": _("Bearbeiten"),
    }

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_filename(self):
        return f"prueftermine-{self.today:%Y-%m-%d}"

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, PAGE_EDITING_ACTIONS
        )
        self.queryset = (
            RegionPage.objects.annotate_filing_region(with_review_fields(pages.live()))
            .filter(overdue(self.today) | ownerless())
            .order_by(F("review_by").asc(nulls_last=True), "title")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, queryset):
        """Add owner name, overdue flag and edit URL with one query, however many pages."""
        users = get_user_model().objects.in_bulk({page.review_owner_id for page in queryset} - {None})
        for page in queryset:
            owner = users.get(page.review_owner_id)
            page.review_owner_name = get_user_display_name(owner) if owner else ""
            page.review_overdue = page.review_by is not None and page.review_by < self.today
            page.edit_url = self.request.build_absolute_uri(
                reverse("wagtailadmin_pages:edit", args=[page.pk])
            )
        return queryset


class ReviewDuePanel(Component):
    """Dashboard panel "Ihre Seiten mit fälliger Prüfung": what waits for the signed-in user."""

    name = "review_due"
    template_name = "editorial/review_due_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        pages = list(overdue_pages_of(self.user, timezone.localdate())[: DASHBOARD_LIMIT + 1])
        report_query = urlencode({"owner": self.user.pk, "status": OVERDUE})
        return {
            "pages": pages[:DASHBOARD_LIMIT],
            "more": len(pages) > DASHBOARD_LIMIT,
            "report_url": f"{reverse('editorial_review_report')}?{report_query}",
        }
