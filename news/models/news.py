"""News ("Aktuelles"): items filed under a region, and the portal-wide news listing."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.blocks import BodyBlock
from core.images import with_teaser_renditions
from core.models import BasePage, PortalPageQuerySet, singleton_page
from core.sections import once_per_page
from news.feeds import NewsFeedRoutesMixin
from news.forms import NewsFilterForm
from regions.models import RegionPage
from regions.queries import region_condition

NEWS_PER_PAGE = 10


class NewsPageQuerySet(PortalPageQuerySet):
    def teasers(self):
        """Live, public news with what a teaser needs, newest first."""
        return with_teaser_renditions(self.live().public().order_by("-date", "-pk"))


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(BasePage):
    """A news item ("Aktuelles") with its teaser, optionally pointing to the full article elsewhere."""

    date = models.DateField(_("Datum"), default=datetime.date.today)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))
    regions = ParentalManyToManyField(
        "regions.RegionPage",
        blank=True,
        related_name="tagged_news",
        verbose_name=_("Weitere Regionen"),
        help_text=_("Die Region, unter der die Meldung angelegt ist, gilt immer; hier weitere wählen."),
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
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
    serve_select_related = ("listing_image", "project", "author__organisation", "author__photo")
    serve_prefetch_related = ("fields_of_action",)
    objects = PageManager.from_queryset(NewsPageQuerySet)()
    intro_required = True
    intro_label = _("Teasertext")
    intro_help_text = _("Erscheint in Übersichten mit dem Link „mehr lesen“, in Feeds und als Vorspann.")
    og_type = "article"
    region_fields = ("regions",)  # besides the region it is filed under (regions.queries)

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
        index = singleton_page(NewsIndexPage, memo=self)
        if index is None:
            return []
        return [
            (tag.name, index.url + index.reverse_subpage("tag", args=[tag.slug]))
            for tag in self.fields_of_action.all()
        ]

    def related_news(self, limit=3):
        """Other news of the same regions or fields of action, newest first."""
        same_region = region_condition(NewsPage, self.all_regions())
        same_field = Q(fields_of_action__in=self.fields_of_action.all())
        related = NewsPage.objects.teasers().filter(same_region | same_field).exclude(pk=self.pk)
        return related.distinct()[:limit]

    def structured_data(self, request=None):
        """schema.org NewsArticle."""
        site = self.site_for_request(request)
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
            "publisher": {"@type": "Organization", "name": site.site_name},
            "keywords": [tag.name for tag in self.fields_of_action.all()],
        }
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author.full_name, "url": self.author.full_url}
        if self.listing_image:
            data["image"] = site.root_url + self.listing_image.get_rendition("fill-1200x675").url
        return {key: value for key, value in data.items() if value}

    @once_per_page
    def all_regions(self):
        """The region the item is filed under plus the further regions chosen for it (read once)."""
        filed_under = RegionPage.objects.filed_above(self).values("pk")
        return list(RegionPage.objects.live().filter(Q(pk__in=self.regions.all()) | Q(pk__in=filed_under)))


class NewsIndexPage(NewsFeedRoutesMixin, BasePage):
    """The portal-wide news listing ("Aktuelles"): all regions' news, newest first, filterable."""

    parent_page_types = ["regions.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1
    template = "pages/news_index_page.html"

    class Meta:
        verbose_name = _("Aktuelles (Übersicht)")

    def news_items(self):
        return NewsPage.objects.teasers()

    def filter_form(self, data):
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
