"""News ("Aktuelles") and events, filed under a region and listed portal-wide."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage

NEWS_PER_PAGE = 10
EVENTS_PER_LIST = 50


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

    def all_regions(self):
        """The region the item is filed under plus the further regions chosen for it."""
        from regions.models import RegionPage

        return RegionPage.objects.live().filter(Q(pk__in=self.regions.all()) | Q(pk__in=self.get_ancestors()))


class NewsIndexPage(BasePage):
    """The portal-wide news listing ("Aktuelles"): every region's news, newest first, paginated."""

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_page"] = Paginator(self.news_items(), NEWS_PER_PAGE).get_page(request.GET.get("seite"))
        return context


class EventPageQuerySet(PageQuerySet):
    def with_dates(self, today=None):
        """Annotate each event with its next date still to come and its last date."""
        today = today or timezone.localdate()
        still_running = Q(dates__end_date__gte=today) | Q(
            dates__end_date__isnull=True, dates__start_date__gte=today
        )
        return self.annotate(
            next_date=Min("dates__start_date", filter=still_running),
            last_date=Max(Coalesce("dates__end_date", "dates__start_date")),
        )

    def upcoming(self, today=None):
        return self.with_dates(today).filter(next_date__isnull=False).order_by("next_date", "title")

    def past(self, today=None):
        return self.with_dates(today).filter(next_date__isnull=True).order_by("-last_date", "title")

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


class EventPage(BasePage):
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
        """The first date, so teasers show when the event (first) takes place."""
        dates = self.dates.all()
        return dates[0].start_date if dates else None

    @property
    def organiser_display(self):
        return self.organiser.title if self.organiser else self.organiser_name


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

    api_fields = [
        APIField("start_date"),
        APIField("end_date"),
        APIField("start_time"),
        APIField("end_time"),
        APIField("venue"),
        APIField("locality"),
    ]
    panels = [
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("start_time"),
        FieldPanel("end_time"),
        FieldPanel("venue"),
        FieldPanel("locality"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    def clean(self):
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Enddatum liegt vor dem Datum des Termins.")})

    @property
    def place(self):
        """Venue and town as one line, e.g. "Jahrhunderthaus, Bochum"."""
        return ", ".join(part for part in (self.venue, self.locality) if part)


class EventIndexPage(BasePage):
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
