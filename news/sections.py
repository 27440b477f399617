"""What news and events contribute to home, region and project pages (registered in wagtail_hooks.py)."""

from django.urls import path
from django.utils.translation import gettext as _

from core.models import singleton_page
from news.calendar import calendar_response
from news.feeds import AtomNewsFeed, NewsFeed, feed_items
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from regions.queries import in_regions

HOME_TEASER_COUNT = 3
REGION_NEWS_COUNT = 4
REGION_EVENT_COUNT = 4


def region_news(region):
    """News filed under the region or assigned to it, newest first."""
    return in_regions(NewsPage.objects.teasers(), [region])


def region_events(region):
    """Every published event filed under the region, for its calendar feed."""
    return in_regions(EventPage.objects.live().public(), [region]).prefetch_related("dates")


# Routes below every region page; the addresses are those partners and calendar apps subscribed to.
def region_rss(region, request):
    """/<region>/feed/rss/: the region's news as RSS 2.0."""
    return NewsFeed(region, feed_items(region_news(region)))(request)


def region_atom(region, request):
    """/<region>/feed/atom/: the region's news as Atom."""
    return AtomNewsFeed(region, feed_items(region_news(region)))(request)


def region_calendar(region, request):
    """Calendar feed of the region's events for subscription."""
    name = f"{region.title} – {region.site_for_request(request).site_name}"
    return calendar_response(region_events(region), name, region.slug, request)


REGION_ROUTES = (
    path("feed/rss/", region_rss, name="rss"),
    path("feed/atom/", region_atom, name="atom"),
    path("kalender/", region_calendar, name="calendar"),
)


def region_feed_links(region):
    """Links to the region's feeds and calendar (side column and <head>)."""
    return {
        "title": region.title,
        "rss_url": region.url + region.reverse_subpage("rss"),
        "atom_url": region.url + region.reverse_subpage("atom"),
        "calendar_url": region.full_url + region.reverse_subpage("calendar"),
    }


def region_latest_news(region):
    """The newest news of the region, without the one pinned above ("Im Fokus")."""
    items = region_news(region).exclude(pk=region.featured_page_id or 0)[:REGION_NEWS_COUNT]
    return {"heading": _("Aktuelles aus der Region"), "items": items}


def region_upcoming_events(region):
    """The region's upcoming events, then its past ones."""
    items = EventPage.objects.upcoming_first(limit=REGION_EVENT_COUNT, region=region)
    return {"heading": _("Veranstaltungen in der Region"), "items": items}


def home_news(home):
    """The newest news of all regions, with the link to all news and the portal feed in <head>."""
    index = singleton_page(NewsIndexPage, memo=home)
    context = {
        "heading": _("Aktuelles"),
        "items": NewsPage.objects.teasers()[:HOME_TEASER_COUNT],
        "empty": _("Derzeit gibt es keine Meldungen."),
        "more_text": _("Alle Meldungen"),
    }
    if index is not None:
        context.update(
            more_url=index.url,
            title=index.title,
            rss_url=index.url + index.reverse_subpage("rss"),
            atom_url=index.url + index.reverse_subpage("atom"),
        )
    return context


def home_events(home):
    """The next events of all regions, with the link to the event calendar."""
    index = singleton_page(EventIndexPage, memo=home)
    return {
        "heading": _("Veranstaltungen"),
        "items": EventPage.objects.upcoming_first(limit=HOME_TEASER_COUNT),
        "empty": _("Zurzeit sind keine Veranstaltungen geplant."),
        "more_url": index.url if index else "",
        "more_text": _("Alle Veranstaltungen"),
    }


def project_news(project):
    """News about the project, newest first."""
    items = NewsPage.objects.teasers().filter(project=project)
    return {"heading": _("Aktuelles zum Projekt"), "items": items}


def project_events(project):
    """Events of the project, upcoming first."""
    return {
        "heading": _("Veranstaltungen zum Projekt"),
        "items": EventPage.objects.upcoming_first(project=project),
    }
