"""The sitemap for crawlers (/sitemap.xml): every live, public page of the request's site."""

from wagtail.contrib.sitemaps import Sitemap

from core.models import all_pages


class PortalSitemap(Sitemap):
    """Wagtail's sitemap in a fixed number of queries, however many page types there are.

    Wagtail reads every page with its specific fields, one query per page type, and the view
    restrictions with a query of their own. Here `public()` is a subquery and each page is an
    instance of its type with its own fields deferred: `get_sitemap_urls` (Wagtail's reads the URL
    and the publishing dates, which every page carries) still runs on the page's own class.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = all_pages().descendant_of(root, inclusive=True).live().public()
        return pages.order_by("path").specific(defer=True)
