"""Which region a page is filed under, for many pages in one query."""

from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page

# Regions are children of a site's home page (RegionPage.parent_page_types), so at this depth.
REGION_DEPTH = 3


def with_filing_region(pages):
    """Annotate each page with `filing_region`: the title of the region above it (or itself), else ""."""
    from regions.models import RegionPage

    region_path = Substr(OuterRef("path"), 1, Page.steplen * REGION_DEPTH)
    regions = RegionPage.objects.filter(path=region_path).values("title")[:1]
    return pages.annotate(filing_region=Coalesce(Subquery(regions), Value(""), output_field=CharField()))
