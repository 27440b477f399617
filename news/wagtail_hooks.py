"""Admin listings of all news and all events across regions, with date, regions and status."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from news.models import EventPage, NewsPage
from regions.models import RegionPage


def region_names(page):
    return ", ".join(region.title for region in page.all_regions())


def news_date(item):
    return date_format(item.date, "SHORT_DATE_FORMAT")


def event_dates(event):
    return ", ".join(date_format(date.start_date, "SHORT_DATE_FORMAT") for date in event.dates.all())


def region_names_of_event(event):
    return ", ".join(region.title for region in RegionPage.objects.ancestor_of(event))


class NewsListingViewSet(PageListingViewSet):
    model = NewsPage
    icon = "doc-full"
    menu_label = _("Aktuelles")
    menu_order = 210
    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        Column("date", label=_("Datum"), sort_key="date", accessor=news_date),
        Column("regions", label=_("Regionen"), accessor=region_names),
    ]


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = _("Veranstaltungen")
    menu_order = 220
    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        Column("dates", label=_("Termine"), accessor=event_dates),
        Column("regions", label=_("Region"), accessor=region_names_of_event),
    ]


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsListingViewSet("news_listing")


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListingViewSet("event_listing")
