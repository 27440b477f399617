"""Site search (/suche/?q=…): every live, public portal page, with editors' promoted results first."""

import re
import unicodedata
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F, Q, prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from contacts.models import ContactPersonPage
from core.images import renditions
from core.models import BasePage, all_pages
from core.templatetags.portal_tags import short_url, teaser
from news.models import EventPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
PAGE_PARAM = "seite"
WORD = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as typed, without control characters and repeated spaces, cut to MAX_QUERY_LENGTH.

    Returns the query and whether it had to be cut.
    """
    chars = []
    for char in raw:
        category = unicodedata.category(char)
        if category == "Cf":  # invisible formatting such as soft hyphens: drop, keep the word whole
            continue
        chars.append(" " if category[0] == "C" else char)
    text = " ".join("".join(chars).split())
    return text[:MAX_QUERY_LENGTH].rstrip(), len(text) > MAX_QUERY_LENGTH


def search_terms(query):
    """The words of the query (letters and digits), as the search backend gets them.

    Quotes, operators and other punctuation are left out, so no input can break the database's
    full-text syntax; "IHK-Düsseldorf" becomes "IHK Düsseldorf", which finds the same pages.
    """
    return " ".join(WORD.findall(query))


def searchable_pages(request):
    """Live, public portal pages of the request's site (each of them renders as a teaser)."""
    site = Site.find_for_request(request)
    if site is None:
        return all_pages().none()
    return all_pages().live().public().in_site(site).type(BasePage)


def promotions(query, pages):
    """Editors' promoted results for this exact query (Wagtail search promotions), in their order.

    Returns the teaser variables of each, marked "Empfohlen", and the ids of the promoted pages.
    Promoted pages that are not live and public on this site are left out.
    """
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True, external_link_url__gt="") | Q(page__in=pages))
        .order_by("sort_order", "pk")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    specific_pages = pages.filter(pk__in=page_ids).specific().in_bulk() if page_ids else {}
    items = []
    for pick in picks:
        if pick.page_id:
            item = teaser(specific_pages[pick.page_id], heading_level=2)
        else:
            item = {
                "title": pick.external_link_text or short_url(pick.external_link_url),
                "url": pick.external_link_url,
                "kind": short_url(pick.external_link_url).split("/")[0],
                "external": True,
                "heading_level": 2,
            }
        item["badge"] = _("Empfohlen")
        if pick.description:
            item["summary"] = pick.description
        items.append(item)
    return items, page_ids


def count_search(query):
    """Count a search for the editors' "popular search terms" (Wagtail's search promotions).

    Wagtail's `Query.get(query).add_hit()` reads the term and today's count before raising it; a
    term already searched today takes one UPDATE here, a new one goes Wagtail's way.
    """
    today = timezone.now().date()
    hits = QueryDailyHits.objects.filter(query__query_string=normalise_query_string(query), date=today)
    if not hits.update(hits=F("hits") + 1):
        Query.get(query).add_hit(date=today)


def prefetch_teasers(pages):
    """Load in bulk what teasers of mixed page types read, so a results page needs no query per result.

    The images' renditions come in one query for all results, not one per page type.
    """
    images = [page.listing_image for page in pages if page.listing_image_id]
    if images:
        prefetch_related_objects(images, renditions("", "teaser"))
    events = [page for page in pages if isinstance(page, EventPage)]
    if events:
        prefetch_related_objects(events, "dates")
    people = [page for page in pages if isinstance(page, ContactPersonPage)]
    if people:
        prefetch_related_objects(people, "organisation")  # their teaser names it without an intro


def search(request):
    """The search page: form, promoted results, results by relevance, ten per page."""
    query, truncated = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    context = {
        "query": query,
        "truncated": truncated,
        "max_length": MAX_QUERY_LENGTH,
        "promoted": [],
        "results": None,
        "result_count": 0,
        "pagination_query": urlencode({"q": query}),
    }
    if query:
        pages = searchable_pages(request)
        promoted, promoted_ids = promotions(query, pages)
        results_page = None
        if terms:
            results = (
                pages.exclude(pk__in=promoted_ids)
                .specific()
                .select_related("listing_image", for_specific_subqueries=True)
                .search(terms, operator="and")
            )
            results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
            results_page.object_list = list(results_page.object_list)
            prefetch_teasers(results_page.object_list)
        first_page = results_page is None or results_page.number == 1
        context.update(
            promoted=promoted if first_page else [],
            results=results_page,
            result_count=len(promoted) + (results_page.paginator.count if results_page else 0),
        )
        if PAGE_PARAM not in request.GET:
            # Counts the search (not its further pages) for the editors' "popular search terms" in the
            # admin: a few small writes, no cookie.
            count_search(query)
    return render(request, "search/search_page.html", context)
