"""Events with one or more dates, filed under a region, and the portal-wide event listing."""

import uuid

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, F, Max, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core.blocks import BodyBlock
from core.images import with_teaser_renditions
from core.models import BasePage, PortalPageQuerySet
from news.calendar import calendar_response, event_start_and_end
from regions.queries import in_regions

EVENTS_PER_LIST = 50
EVENTS_PER_PAGE = 20


class EventPageQuerySet(PortalPageQuerySet):
    def teasers(self):
        """Live, public events with their teaser images and renditions.

        Their dates come with upcoming(), past() and upcoming_first(): with_dates() annotates what a
        teaser shows of them, so a listing needs no query for the dates.
        """
        return with_teaser_renditions(self.live().public())

    def with_dates(self, today=None):
        """Annotate each event with its next date still to come, its earliest and its last date.

        Also the date listed first, which its teaser shows once no date is to come.
        """
        today = today or timezone.localdate()
        still_running = Q(dates__end_date__gte=today) | Q(
            dates__end_date__isnull=True, dates__start_date__gte=today
        )
        listed_first = EventDate.objects.filter(event=OuterRef("pk")).order_by("sort_order", "pk")
        return self.annotate(
            next_date=Min("dates__start_date", filter=still_running),
            first_date=Min("dates__start_date"),
            last_date=Max(Coalesce("dates__end_date", "dates__start_date")),
            listed_date=Subquery(listed_first.values("start_date")[:1]),
        )

    def upcoming(self, today=None):
        return self.with_dates(today).filter(next_date__isnull=False).order_by("next_date", "title")

    def past(self, today=None):
        return self.with_dates(today).filter(next_date__isnull=True).order_by("-first_date", "title")

    def upcoming_first(self, limit=EVENTS_PER_LIST, region=None, project=None, today=None):
        """Upcoming events soonest first, then past events most recent first, at most `limit`."""
        events = self.teasers()
        if region is not None:
            events = in_regions(events, [region])
        if project is not None:
            events = events.filter(project=project)
        # One query: upcoming() then past(), each in its own order.
        is_past = Case(When(next_date__isnull=True, then=Value(1)), default=Value(0))
        past_first_date = Case(When(next_date__isnull=True, then=F("first_date")))
        events = events.with_dates(today).order_by(is_past, "next_date", past_first_date.desc(), "title")
        return list(events[:limit])


class EventPage(RoutablePageMixin, BasePage):
    """An event with one or more dates and places, its organiser and a description."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Beschreibung"))
    organiser = models.ForeignKey(
        "contacts.OrganisationPage",
        verbose_name=_("Veranstalter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_name = models.CharField(
        _("Veranstalter (Name)"),
        max_length=255,
        blank=True,
        help_text=_("Nur wenn der Veranstalter keine eigene Seite im Portal hat."),
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("Projekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_events",
    )
    expected_participants = models.PositiveIntegerField(
        _("Erwartete Teilnehmende (ca.)"), null=True, blank=True
    )

    content_panels = BasePage.content_panels + [
        InlinePanel("dates", label=_("Termin"), min_num=1),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("organiser_name"), FieldPanel("project")],
            heading=_("Veranstalter und Zuordnung"),
        ),
        FieldPanel("expected_participants"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("organiser_name"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("dates"),
        APIField("body"),
        APIField("organiser"),
        APIField("organiser_name"),
        APIField("project"),
        APIField("expected_participants"),
    ]

    parent_page_types = ["regions.RegionPage", "news.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"
    serve_select_related = ("listing_image", "organiser", "project")
    serve_prefetch_related = ("dates",)
    objects = PageManager.from_queryset(EventPageQuerySet)()
    intro_required = True
    intro_label = _("Kurzbeschreibung")

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    @property
    def teaser_date(self):
        """The next date still to come (when annotated by the listing), else the first date."""
        if getattr(self, "next_date", None):
            return self.next_date
        if hasattr(self, "listed_date"):  # annotated by with_dates(): no query for the dates
            return self.listed_date
        dates = self.dates.all()
        return dates[0].start_date if dates else None

    @property
    def is_past(self):
        """True when the last day of every date lies before today."""
        if hasattr(self, "last_date"):  # annotated by with_dates()
            return self.last_date is not None and self.last_date < timezone.localdate()
        last_days = [date.end_date or date.start_date for date in self.dates.all()]
        return bool(last_days) and max(last_days) < timezone.localdate()

    @property
    def teaser_badge(self):
        return _("vergangen") if self.is_past else ""

    @property
    def organiser_display(self):
        return self.organiser.title if self.organiser else self.organiser_name

    @path("ical/", name="ical")
    def ical(self, request):
        """Every date of this event as an .ics file for calendar apps."""
        return calendar_response([self], self.title, self.slug, request)

    def structured_data(self, request=None):
        """schema.org Events, one per date, so each date keeps its own place and status."""
        organiser = self.organiser_display
        events = []
        for date in self.dates.all():
            if date.start_time is None:  # schema.org's endDate is the last day itself
                start, end = date.start_date, date.end_date or date.start_date
            else:
                start, end = event_start_and_end(date)
            event = {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": self.title,
                "description": self.intro,
                "url": self.full_url,
                "startDate": start.isoformat(),
                "endDate": end.isoformat(),
                "eventStatus": "https://schema.org/EventCancelled"
                if date.cancelled
                else "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": {
                    "@type": "Place",
                    "name": date.place or self.title,
                    "address": {
                        "@type": "PostalAddress",
                        "addressLocality": date.locality,
                        "addressCountry": "DE",
                    },
                },
            }
            if organiser:
                event["organizer"] = {"@type": "Organization", "name": organiser}
            events.append(event)
        return events


class EventDate(Orderable):
    """One date of an event with its place; a roadshow has several."""

    event = ParentalKey("news.EventPage", related_name="dates", on_delete=models.CASCADE)
    start_date = models.DateField(_("Datum"))
    end_date = models.DateField(
        _("Enddatum"), null=True, blank=True, help_text=_("Nur bei mehrtägigen Terminen.")
    )
    start_time = models.TimeField(_("Beginn"), null=True, blank=True)
    end_time = models.TimeField(_("Ende"), null=True, blank=True)
    venue = models.CharField(
        _("Veranstaltungsort"), max_length=255, blank=True, help_text=_("z. B. „Messe Essen“")
    )
    locality = models.CharField(_("Stadt"), max_length=100, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=12,
        choices=[("confirmed", _("findet statt")), ("cancelled", _("abgesagt"))],
        default="confirmed",
        help_text=_("Abgesagte Termine bleiben sichtbar, damit Kalender-Abonnements die Absage erhalten."),
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text=_("Zählt Änderungen an Zeit, Ort und Status für Kalender.")
    )

    api_fields = [
        APIField("start_date"),
        APIField("end_date"),
        APIField("start_time"),
        APIField("end_time"),
        APIField("venue"),
        APIField("locality"),
        APIField("status"),
        APIField("uid"),
        APIField("sequence"),
    ]
    panels = [
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("start_time"),
        FieldPanel("end_time"),
        FieldPanel("venue"),
        FieldPanel("locality"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    def clean(self):
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Enddatum liegt vor dem Datum des Termins.")})
        if self.end_time and self.start_time and not self.end_date and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("Das Ende liegt vor dem Beginn.")})

    def schedule(self):
        """What calendar subscribers must hear about when it changes."""
        return (
            self.start_date,
            self.end_date,
            self.start_time,
            self.end_time,
            self.venue,
            self.locality,
            self.status,
        )

    def save(self, *args, **kwargs):
        """Raise the iCalendar SEQUENCE whenever the date, time, place or status changes (RFC 5545)."""
        previous = EventDate.objects.filter(uid=self.uid).first()
        if previous is not None and previous.schedule() != self.schedule():
            self.sequence = max(self.sequence, previous.sequence) + 1
        super().save(*args, **kwargs)

    @property
    def cancelled(self):
        return self.status == "cancelled"

    @property
    def place(self):
        """Venue and town as one line, e.g. "Jahrhunderthaus, Bochum"."""
        return ", ".join(part for part in (self.venue, self.locality) if part)


class EventIndexPage(RoutablePageMixin, BasePage):
    """The portal-wide event calendar: upcoming events first, then past ones."""

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["news.EventPage"]
    max_count = 1
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("Veranstaltungen (Übersicht)")

    def upcoming_events(self):
        return EventPage.objects.teasers().upcoming()

    def past_events(self):
        return EventPage.objects.teasers().past()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["past_page"] = Paginator(self.past_events(), EVENTS_PER_PAGE).get_page(
            request.GET.get("seite")
        )
        return context

    def calendar_url(self):
        return self.full_url + self.reverse_subpage("calendar")

    @path("kalender/", name="calendar")
    def calendar(self, request):
        """Calendar feed of all events for subscription (webcal://…/veranstaltungen/kalender/)."""
        events = EventPage.objects.live().public().prefetch_related("dates").select_related("organiser")
        site_name = self.site_for_request(request).site_name
        return calendar_response(events, site_name, "veranstaltungen", request)
