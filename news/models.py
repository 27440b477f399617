"""News ("Aktuelles") and events, filed under a region and listed portal-wide."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Max, Min, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from news.calendar import calendar_response, event_start_and_end
from news.feeds import NewsFeedRoutesMixin
from news.forms import NewsFilterForm

NEWS_PER_PAGE = 10
EVENTS_PER_LIST = 50
EVENTS_PER_PAGE = 20


class NewsPageQuerySet(PageQuerySet):
    def teasers(self):
        """Live, public news with what a teaser needs, newest first."""
        return (
            self.live()
            .public()
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
            .order_by("-date", "-pk")
        )


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(BasePage):
    """A news item ("Aktuelles") with its teaser, optionally pointing to the full article elsewhere."""

    date = models.DateField(_("Datum"), default=datetime.date.today)
    intro = models.TextField(
        _("Teasertext"), help_text=_("Erscheint in Übersichten mit dem Link „mehr lesen“ und als Vorspann.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))
    regions = ParentalManyToManyField(
        "regions.RegionPage",
        blank=True,
        related_name="tagged_news",
        verbose_name=_("Weitere Regionen"),
        help_text=_("Die Region, unter der die Meldung angelegt ist, gilt immer; hier weitere wählen."),
    )
    project = models.ForeignKey(
        "regions.ProjectPage",
        verbose_name=_("Projekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    author = models.ForeignKey(
        "contacts.ContactPersonPage",
        verbose_name=_("Autorin oder Autor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_news",
    )
    fields_of_action = ClusterTaggableManager(
        through=NewsPageTag, blank=True, verbose_name=_("Handlungsfelder")
    )
    external_url = models.URLField(
        _("Externer Artikel"),
        blank=True,
        help_text=_(
            "Wenn der vollständige Artikel auf einer anderen Website steht, führt „mehr lesen“ dorthin."
        ),
    )
    read_more_text = models.CharField(
        _("Linktext „mehr lesen“"),
        max_length=40,
        default="mehr lesen",
        help_text=_("Sichtbarer Linktext im Teaser, z. B. „mehr lesen“ oder „Weiterlesen…“."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("regions"),
                FieldPanel("project"),
                FieldPanel("author"),
                FieldPanel("fields_of_action"),
            ],
            heading=_("Zuordnung"),
        ),
        MultiFieldPanel([FieldPanel("external_url"), FieldPanel("read_more_text")], heading=_("Teaser-Link")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("body"),
        APIField("regions"),
        APIField("project"),
        APIField("author"),
        APIField("fields_of_action"),
        APIField("external_url"),
        APIField("read_more_text"),
    ]

    parent_page_types = ["regions.RegionPage", "news.NewsIndexPage"]
    subpage_types = []
    template = "pages/news_page.html"
    objects = PageManager.from_queryset(NewsPageQuerySet)()

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")

    @property
    def teaser_kind(self):
        return _("Aktuelles")

    @property
    def teaser_date(self):
        return self.date

    @property
    def teaser_url(self):
        return self.external_url or self.url

    @property
    def teaser_external(self):
        return bool(self.external_url)

    @property
    def teaser_link_text(self):
        return self.read_more_text

    def field_of_action_links(self):
        """(name, tag page URL) per field of action, e.g. ("REGIONALE", "/aktuelles/thema/regionale/")."""
        index = NewsIndexPage.objects.live().public().first()
        if index is None:
            return []
        return [
            (tag.name, index.url + index.reverse_subpage("tag", args=[tag.slug]))
            for tag in self.fields_of_action.all()
        ]

    def related_news(self, limit=3):
        """Other news of the same regions or fields of action, newest first."""
        regions = self.all_regions()
        same_region = Q(regions__in=regions)
        for region in regions:
            same_region |= Q(path__startswith=region.path)
        same_field = Q(fields_of_action__in=self.fields_of_action.all())
        related = NewsPage.objects.teasers().filter(same_region | same_field).exclude(pk=self.pk)
        return related.distinct()[:limit]

    def structured_data(self):
        """schema.org NewsArticle."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.intro,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or timezone.now()).isoformat(),
            "mainEntityOfPage": self.full_url,
            "url": self.full_url,
            "inLanguage": "de",
            "publisher": {"@type": "Organization", "name": self.get_site().site_name},
            "keywords": [tag.name for tag in self.fields_of_action.all()],
        }
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author.full_name, "url": self.author.full_url}
        if self.listing_image:
            data["image"] = self.get_site().root_url + self.listing_image.get_rendition("fill-1200x675").url
        return {key: value for key, value in data.items() if value}

    def all_regions(self):
        """The region the item is filed under plus the further regions chosen for it."""
        from regions.models import RegionPage

        return RegionPage.objects.live().filter(Q(pk__in=self.regions.all()) | Q(pk__in=self.get_ancestors()))


class NewsIndexPage(NewsFeedRoutesMixin, BasePage):
    """The portal-wide news listing ("Aktuelles"): all regions' news, newest first, filterable."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1
    template = "pages/news_index_page.html"

    class Meta:
        verbose_name = _("Aktuelles (Übersicht)")

    def news_items(self):
        return NewsPage.objects.teasers()

    def filter_form(self, data):
        from regions.models import RegionPage

        return NewsFilterForm(
            data,
            regions=RegionPage.objects.live().public().order_by("title"),
            fields_of_action=Tag.objects.filter(news_newspagetag_items__isnull=False)
            .distinct()
            .order_by("name"),
            years=sorted(
                {date.year for date in NewsPage.objects.live().public().dates("date", "year")}, reverse=True
            ),
        )

    def paginate(self, request, news_items):
        return Paginator(news_items, NEWS_PER_PAGE).get_page(request.GET.get("seite"))

    @path("")
    def index(self, request):
        form = self.filter_form(request.GET)
        news_items = form.apply(self.news_items())
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "filter_query": form.query_string(),
                "news_page": self.paginate(request, news_items),
            },
        )

    @path("thema/<str:tag_slug>/", name="tag")
    def tag(self, request, tag_slug):
        """All news of one field of action, e.g. /aktuelles/thema/strukturwandel/."""
        tag = Tag.objects.filter(slug=tag_slug, news_newspagetag_items__isnull=False).first()
        if tag is None:
            raise Http404(_("Dieses Handlungsfeld gibt es nicht."))
        news_items = self.news_items().filter(fields_of_action=tag).distinct()
        return self.render(
            request,
            context_overrides={"tag": tag, "news_page": self.paginate(request, news_items)},
            template="pages/news_tag_page.html",
        )


class EventPageQuerySet(PageQuerySet):
    def with_dates(self, today=None):
        """Annotate each event with its next date still to come and its last date."""
        today = today or timezone.localdate()
        still_running = Q(dates__end_date__gte=today) | Q(
            dates__end_date__isnull=True, dates__start_date__gte=today
        )
        return self.annotate(
            next_date=Min("dates__start_date", filter=still_running),
            first_date=Min("dates__start_date"),
            last_date=Max(Coalesce("dates__end_date", "dates__start_date")),
        )

    def upcoming(self, today=None):
        return self.with_dates(today).filter(next_date__isnull=False).order_by("next_date", "title")

    def past(self, today=None):
        return self.with_dates(today).filter(next_date__isnull=True).order_by("-first_date", "title")

    def upcoming_first(self, limit=EVENTS_PER_LIST, within=None, project=None, today=None):
        """Upcoming events soonest first, then past events most recent first, at most `limit`."""
        events = self.live().public().prefetch_related("dates")
        if within is not None:
            events = events.descendant_of(within)
        if project is not None:
            events = events.filter(project=project)
        upcoming = list(events.upcoming(today)[:limit])
        past = list(events.past(today)[: limit - len(upcoming)]) if len(upcoming) < limit else []
        return upcoming + past


class EventPage(RoutablePageMixin, BasePage):
    """An event with one or more dates and places, its organiser and a description."""

    intro = models.TextField(_("Kurzbeschreibung"))
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
        "regions.ProjectPage",
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
        FieldPanel("intro"),
        InlinePanel("dates", label=_("Termin"), min_num=1),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("organiser_name"), FieldPanel("project")],
            heading=_("Veranstalter und Zuordnung"),
        ),
        FieldPanel("expected_participants"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
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
    objects = PageManager.from_queryset(EventPageQuerySet)()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    @property
    def teaser_kind(self):
        return _("Veranstaltung")

    @property
    def teaser_date(self):
        """The next date still to come (when annotated by the listing), else the first date."""
        if getattr(self, "next_date", None):
            return self.next_date
        dates = self.dates.all()
        return dates[0].start_date if dates else None

    @property
    def is_past(self):
        """True when the last day of every date lies before today."""
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
        return calendar_response([self], self.title, self.slug)

    def structured_data(self):
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

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["news.EventPage"]
    max_count = 1
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("Veranstaltungen (Übersicht)")

    def upcoming_events(self):
        return EventPage.objects.live().public().prefetch_related("dates").upcoming()

    def past_events(self):
        return EventPage.objects.live().public().prefetch_related("dates").past()

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
        return calendar_response(events, self.get_site().site_name, "veranstaltungen")
