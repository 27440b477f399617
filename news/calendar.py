"""iCalendar (RFC 5545) export of events: one VEVENT per date, with stable UIDs and SEQUENCE."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event, Timezone
from wagtail.models import Site

BERLIN = ZoneInfo("Europe/Berlin")
PRODUCT_ID = "-//regionen.NRW//regionportal//DE"
DEFAULT_DURATION = datetime.timedelta(hours=2)


def event_start_and_end(date):
    """DTSTART/DTEND: all-day dates (DTEND exclusive) or local times in Europe/Berlin."""
    last_day = date.end_date or date.start_date
    if date.start_time is None:
        return date.start_date, last_day + datetime.timedelta(days=1)
    start = datetime.datetime.combine(date.start_date, date.start_time, tzinfo=BERLIN)
    if date.end_time is not None:
        end = datetime.datetime.combine(last_day, date.end_time, tzinfo=BERLIN)
    else:
        end = start + DEFAULT_DURATION
    return start, end


class SiteHosts:
    """The host name of each event's site for its UIDs, looked up once per site and response.

    The request's site is known without a query; an event of another site costs one per site.
    """

    def __init__(self, request=None):
        self.request = request
        site = Site.find_for_request(request) if request is not None else None
        self.hosts = {site.pk: site.hostname} if site is not None else {}

    def __call__(self, event):
        site_id = event.get_url_parts(self.request)[0]
        if site_id not in self.hosts:
            self.hosts[site_id] = Site.objects.get(pk=site_id).hostname
        return self.hosts[site_id]


def event_components(event, host):
    """One VEVENT per date of `event`; a cancelled date keeps its UID and says STATUS:CANCELLED.

    `host` is the host name of the event's site, the domain part of every UID.
    """
    url = event.full_url
    organiser = event.organiser_display
    for date in event.dates.all():
        component = Event()
        component.add("uid", f"{date.uid}@{host}")
        component.add("sequence", date.sequence)
        component.add("status", "CANCELLED" if date.cancelled else "CONFIRMED")
        start, end = event_start_and_end(date)
        component.add("dtstart", start)
        component.add("dtend", end)
        component.add("dtstamp", event.last_published_at or event.latest_revision_created_at or start)
        component.add("summary", event.title)
        component.add("description", event.intro + (f"\n\nVeranstalter: {organiser}" if organiser else ""))
        if date.place:
            component.add("location", date.place)
        component.add("url", url)
        yield component


def calendar_response(events, name, filename, request=None):
    """A text/calendar response holding every date of `events`, for download or subscription."""
    host = SiteHosts(request)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        for component in event_components(event, host(event)):
            calendar.add_component(component)
    if calendar.walk("VEVENT"):
        calendar.add_missing_timezones()
    else:  # RFC 5545 wants at least one component, also in an empty feed
        calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response
