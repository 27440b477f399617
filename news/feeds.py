"""RSS 2.0 and Atom feeds of the news, portal-wide and per region (Django's syndication framework)."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

BERLIN = ZoneInfo("Europe/Berlin")
FEED_ITEMS = 30


class NewsFeed(Feed):
    """The newest news of a listing page (the news index or a region page)."""

    feed_type = Rss201rev2Feed

    def __init__(self, source_page, news_items):
        super().__init__()
        self.source_page = source_page
        self.news_items = news_items
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.source_page

    def title(self, page):
        site_name = page.site_for_request(self.request).site_name
        return f"{page.title} – {site_name}" if page.depth > 2 else site_name

    def link(self, page):
        return page.full_url

    def description(self, page):
        return page.teaser_summary or page.title

    def feed_url(self, page):
        return page.full_url + page.reverse_subpage(self.route_name)

    route_name = "rss"

    def items(self, page):
        return self.news_items[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return item.full_url

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=BERLIN)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.author.full_name if item.author else None

    def item_categories(self, item):
        return [tag.name for tag in item.fields_of_action.all()]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
    route_name = "atom"


def feed_items(news_items):
    """A news queryset with what the feed items show."""
    return news_items.prefetch_related("fields_of_action", "author")


class NewsFeedRoutesMixin(RoutablePageMixin):
    """feed/rss/ and feed/atom/ below a listing page that has a `news_items()` queryset."""

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return NewsFeed(self, feed_items(self.news_items()))(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return AtomNewsFeed(self, feed_items(self.news_items()))(request)
