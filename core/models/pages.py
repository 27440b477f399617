"""Abstract page parts every portal page builds on: teaser, ownership and review, address, contact details."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images import get_image_model_string
from wagtail.models import Page, PageManager, PageViewRestriction, Site, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.api import PhoneNumberField as PhoneNumberSerializer
from core.page_forms import ReviewPageForm
from core.routing import PathPages

# Owner and review dates: editorial metadata, not content (see BasePage.with_content_json).
REVIEW_FIELDS = ("review_by", "review_owner_id", "last_reviewed_on")


class PortalPageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose `public()` is a condition in the same SQL query.

    Wagtail's `public()` first reads every view restriction with a query of its own, on each call;
    here a subquery asks whether a restriction sits on the page or an ancestor (a page whose path
    starts the page's path), so a listing stays one query.
    """

    def private_q(self):
        restricted_above = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        # As `pk__in`, so the search backends can apply it to searches too.
        return Q(pk__in=Page.objects.filter(Exists(restricted_above)).values("pk"))


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


def all_pages():
    """Pages of every type with the portal's `public()`, where Wagtail code would use `Page.objects`."""
    return PortalPageQuerySet(Page).order_by("path")


SINGLETONS_ATTRIBUTE = "_portal_singleton_pages"


def singleton_page(model, memo=None):
    """The live, public page of a one-per-site page type (`max_count = 1`, e.g. the news listing), or None.

    Every such page is read in one query and kept on `memo` (the request or the page being served),
    so a page that links to several listings reads them once. The pages come deferred: their URL,
    title and routes are there, their own fields would each cost a query.
    """
    pages = getattr(memo, SINGLETONS_ATTRIBUTE, None)
    if pages is None:
        types = [page_type for page_type in get_page_models() if page_type.max_count == 1]
        pages = list(all_pages().live().public().type(*types).specific(defer=True))
        if memo is not None:
            setattr(memo, SINGLETONS_ATTRIBUTE, pages)
    return next((page for page in pages if isinstance(page, model)), None)


class BasePage(Page):
    """Abstract base of every portal page: teaser fields for the one teaser component, owner, review dates."""

    listing_title = models.CharField(
        _("Titel im Teaser"),
        max_length=255,
        blank=True,
        help_text=_("Kürzerer Titel für Übersichten; leer lassen, um den Seitentitel zu verwenden."),
    )
    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_(
            "Zwei bis drei Sätze: Vorspann der Seite und Teaser in Übersichten, Feeds und Suchergebnissen."
        ),
    )
    listing_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("Teaserbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Wer dafür sorgt, dass die Seite stimmt, und die Erinnerung bekommt, wenn die Prüfung fällig ist."
        ),
    )
    review_by = models.DateField(
        _("Prüfen bis"),
        null=True,
        blank=True,
        help_text=_(
            "Bis wann der Inhalt wieder geprüft sein soll; danach erscheint er im Bericht „Prüftermine“."
        ),
    )
    last_reviewed_on = models.DateField(_("Zuletzt geprüft am"), null=True, blank=True)

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_image")],
            heading=_("Teaser in Übersichten"),
        ),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("review_owner"),
                FieldPanel("mark_reviewed", disable_comments=True),
                FieldPanel("last_reviewed_on"),
                FieldPanel("review_by"),
            ],
            heading=_("Pflege und Prüfung"),
        ),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    base_form_class = ReviewPageForm
    # How a page type words its intro in the editor (ReviewPageForm applies these) and whether
    # readers rely on it, so that it must be filled in.
    intro_label = None
    intro_help_text = None
    intro_required = False
    # Open Graph type of the page ("article" for dated articles).
    og_type = "website"

    # What the page's own template reads through relations, loaded with it when it is served
    # (core/routing.py): foreign keys to join and relations to prefetch.
    serve_select_related = ("listing_image",)
    serve_prefetch_related = ()

    objects = PortalPageManager()

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's routing, with the pages on the path read in one query first (core/routing.py)."""
        path_pages = PathPages.for_route(request, self, path_components) if path_components else None
        child = path_pages.child(self, path_components[0]) if path_pages else None
        if child is not None:
            result = child.route(request, path_components[1:])
        else:
            result = super().route(request, path_components)
        if path_pages and path_pages.starts_at(self) and result[0].get_deferred_fields():
            # A page above the deepest one answered with a route of its own: route it Wagtail's way.
            PathPages.give_up(request)
            result = super().route(request, path_components)
        return result

    def site_for_request(self, request):
        """The page's site: the request's (read once per request) if there is a request, else looked up."""
        site = Site.find_for_request(request) if request is not None else None
        return site if site is not None else self.get_site()

    @cached_property
    def ancestor_pages(self):
        """The page's ancestors from the tree root down, as plain pages; known without a query when routed."""
        return list(self.get_ancestors())

    def get_view_restrictions(self):
        """The view restrictions on this page and above; known without a query when routing read them."""
        path_pages = self.__dict__.get("_path_pages")
        if path_pages is not None and not path_pages.view_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def clean(self):
        super().clean()
        if self.intro_required and not self.intro.strip():
            raise ValidationError(
                {"intro": _("Bitte eine Einleitung eingeben; sie steht in Übersichten und Feeds.")}
            )

    def with_content_json(self, content):
        """A revision being published or restored keeps the page's current owner and review dates.

        They take effect when saved (editorial/wagtail_hooks.py), so an older revision must not
        bring back an old owner or review date.
        """
        page = super().with_content_json(content)
        for name in REVIEW_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    @property
    def teaser_title(self):
        return self.listing_title or self.title

    @property
    def teaser_summary(self):
        """The search description if set, else the start of the intro."""
        if self.search_description:
            return self.search_description
        return Truncator(self.intro).words(40) if self.intro else ""

    @property
    def teaser_image(self):
        return self.listing_image

    @property
    def teaser_kind(self):
        """Short label naming the page type in teasers, e.g. "Aktuelles"."""
        return self._meta.verbose_name

    @property
    def teaser_date(self):
        """Date shown on the teaser; page types with a date override it."""
        return None

    @property
    def teaser_url(self):
        """Where the teaser's link leads; a news item may point to an article elsewhere."""
        return self.url

    @property
    def teaser_external(self):
        return False

    @property
    def teaser_link_text(self):
        """Visible link text; None lets the component say "mehr lesen"."""
        return None

    @property
    def teaser_badge(self):
        """A short status label such as "vergangen", or ""."""
        return ""


class PostalAddressMixin(models.Model):
    """A German postal address kept in separate fields, so it can be printed, exported and checked."""

    address_extra = models.TextField(
        _("Adresszusatz"),
        blank=True,
        help_text=_("Zeilen vor der Straße, z. B. „c/o Landeshauptstadt Düsseldorf“, eine pro Zeile."),
    )
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=255, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True)

    address_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address_extra"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("locality"),
            ],
            heading=_("Postanschrift"),
        )
    ]

    api_fields = [
        APIField("address_lines"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("locality"),
    ]

    class Meta:
        abstract = True

    @property
    def address_lines(self):
        """The address as printed lines, empty parts left out."""
        lines = [line.strip() for line in self.address_extra.splitlines() if line.strip()]
        if self.street_address:
            lines.append(self.street_address)
        city = " ".join(part for part in (self.postal_code, self.locality) if part)
        if city:
            lines.append(city)
        return lines


class ContactDetailsMixin(models.Model):
    """Phone, e-mail and website of a person or organisation."""

    phone = PhoneNumberField(
        _("Telefon"),
        blank=True,
        help_text=_("Mit Vorwahl, z. B. „0211 8995680“ oder „+49 211 8995680“."),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)

    contact_panels = [
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Erreichbarkeit"),
        )
    ]

    api_fields = [
        APIField("phone", serializer=PhoneNumberSerializer()),
        APIField("email"),
        APIField("website"),
    ]

    class Meta:
        abstract = True

    @property
    def phone_display(self):
        """The phone number in German national format ("0211 8995680")."""
        return self.phone.as_national if self.phone else ""
