"""News ("Aktuelles") and events, filed under a region and listed portal-wide."""

from news.models.events import (
    EVENTS_PER_LIST,
    EVENTS_PER_PAGE,
    EventDate,
    EventIndexPage,
    EventPage,
    EventPageQuerySet,
)
from news.models.news import NEWS_PER_PAGE, NewsIndexPage, NewsPage, NewsPageQuerySet, NewsPageTag

__all__ = [
    "EVENTS_PER_LIST",
    "EVENTS_PER_PAGE",
    "NEWS_PER_PAGE",
    "EventDate",
    "EventIndexPage",
    "EventPage",
    "EventPageQuerySet",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageQuerySet",
    "NewsPageTag",
]
