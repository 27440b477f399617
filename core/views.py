"""Wagtail's page view, starting its routing without a query for the home page's own fields."""

from wagtail import views as wagtail_views
from wagtail.models import Site


def serve(request, path):
    """Serve the page at `path` the way Wagtail does (`wagtail.views.serve`), one query cheaper below home.

    Wagtail starts routing from the site's root page read with all its fields. Below the home page
    routing needs only the root page's type (core/routing.py reads every page on the path in one
    query and the page served in full), so it starts from a deferred instance of that type.
    """
    site = Site.find_for_request(request)
    if site is not None and path.strip("/"):
        site.root_page = site.root_page.specific_deferred
    return wagtail_views.serve(request, path)
