"""Read-only JSON API for partners (Wagtail API v2): regions, contacts, organisations, news, events.

Every endpoint lists only live, public pages and can be narrowed to one region with
?region=<id or slug>. CORS allows any origin to GET (see CORS_* in settings).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from contacts.models import ContactPersonPage, OrganisationPage
from news.models import EventPage, NewsPage
from regions.models import RegionPage
from regions.queries import in_regions


class RegionFilter:
    """?region=<id or slug>: pages filed under the region, plus those assigned to it elsewhere."""

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("region")
        if not value:
            return queryset
        lookup = {"pk": value} if value.isdigit() else {"slug": value}
        region = RegionPage.objects.live().public().filter(**lookup).first()
        if region is None:
            raise BadRequestError(f"region '{value}' is not a published region (use its id or slug)")
        return in_regions(queryset, [region])


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """One page type per endpoint, with the region filter."""

    filter_backends = [RegionFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["region"])


def endpoint(page_model, fields):
    """An endpoint class listing `page_model` with `fields` shown by default."""
    return type(
        f"{page_model.__name__}APIViewSet",
        (PortalPagesAPIViewSet,),
        {
            "model": page_model,
            "listing_default_fields": PortalPagesAPIViewSet.listing_default_fields + fields,
        },
    )


api_router = WagtailAPIRouter("api")
api_router.register_endpoint("regions", endpoint(RegionPage, ["short_name", "intro"]))
api_router.register_endpoint(
    "contacts", endpoint(ContactPersonPage, ["full_name", "role", "organisation", "phone", "email"])
)
api_router.register_endpoint(
    "organisations", endpoint(OrganisationPage, ["kind", "served_region", "phone", "email", "website"])
)
api_router.register_endpoint("news", endpoint(NewsPage, ["date", "intro", "external_url"]))
api_router.register_endpoint("events", endpoint(EventPage, ["intro", "dates"]))
