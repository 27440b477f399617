"""News and events: their sections on the home, region and project pages, and their admin listings."""

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from core.sections import Section
from news import sections
from news.models import EventPage, NewsPage
from regions.models import RegionPage


def region_names(item):
    """The region a news item is filed under, then the further regions chosen for it."""
    further = [region.title for region in item.regions.all() if region.title != item.filing_region_title]
    return ", ".join([item.filing_region_title, *further] if item.filing_region_title else further)


def news_date(item):
    return date_format(item.date, "SHORT_DATE_FORMAT")


def event_dates(event):
    return ", ".join(date_format(date.start_date, "SHORT_DATE_FORMAT") for date in event.dates.all())


class NewsIndexView(IndexView):
    """The news listing, with each item's regions fetched for the whole page of results at once."""

    def get_base_queryset(self):
        further_regions = Prefetch("regions", queryset=RegionPage.objects.live().order_by("path"))
        queryset = RegionPage.objects.annotate_filing_region(super().get_base_queryset())
        return queryset.prefetch_related(further_regions)


class EventIndexView(IndexView):
    """The event listing, with each event's region and dates fetched for the whole page at once."""

    def get_base_queryset(self):
        return RegionPage.objects.annotate_filing_region(super().get_base_queryset()).prefetch_related(
            "dates"
        )


class NewsListingViewSet(PageListingViewSet):
    model = NewsPage
    index_view_class = NewsIndexView
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
    index_view_class = EventIndexView
    icon = "date"
    menu_label = _("Veranstaltungen")
    menu_order = 220
    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        Column("dates", label=_("Termine"), accessor=event_dates),
        Column("regions", label=_("Region"), accessor="filing_region_title"),
    ]


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsListingViewSet("news_listing")


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListingViewSet("event_listing")


TEASERS = "components/teaser_section.html"


@hooks.register("register_home_section")
def register_home_news():
    return Section(
        name="news",
        template=TEASERS,
        context=sections.home_news,
        order=20,
        head_template="components/feed_autodiscovery.html",
    )


@hooks.register("register_home_section")
def register_home_events():
    return Section(name="events", template=TEASERS, context=sections.home_events, order=30)


@hooks.register("register_region_section")
def register_region_feeds():
    """Feed and calendar links, and the routes behind them (…/feed/rss/, …/feed/atom/, …/kalender/)."""
    return Section(
        name="feeds",
        template="components/feed_links.html",
        context=sections.region_feed_links,
        area="side",
        order=30,
        head_template="components/feed_autodiscovery.html",
        routes=sections.REGION_ROUTES,
    )


@hooks.register("register_region_section")
def register_region_news():
    return Section(
        name="news",
        template=TEASERS,
        context=sections.region_latest_news,
        order=20,
        featurable_page_types=("news.NewsPage",),
    )


@hooks.register("register_region_section")
def register_region_events():
    return Section(
        name="events",
        template=TEASERS,
        context=sections.region_upcoming_events,
        order=30,
        featurable_page_types=("news.EventPage",),
    )


@hooks.register("register_project_section")
def register_project_news():
    return Section(name="news", template=TEASERS, context=sections.project_news, order=10)


@hooks.register("register_project_section")
def register_project_events():
    return Section(name="events", template=TEASERS, context=sections.project_events, order=20)
