"""Which region a page is filed under, and which pages belong to a region: one answer for every page type.

A page type that can also be assigned to regions elsewhere in the tree names the fields that do so in
`region_fields` (e.g. NewsPage: "regions", OrganisationPage: "region"); everything else belongs to the
region it is filed under.
"""

from django.db.models import CharField, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page

from core.models import PortalPageQuerySet

# Regions are children of a site's home page (RegionPage.parent_page_types), so at this depth.
REGION_DEPTH = 3


def region_condition(model, regions):
    """Q for pages of `model` filed under one of `regions` or assigned to one by `model.region_fields`."""
    regions = [region for region in regions if region.pk is not None]  # an unsaved region has no pages
    if not regions:
        return Q(pk__in=[])
    condition = Q()
    for region in regions:
        condition |= Q(path__startswith=region.path)
    for field in getattr(model, "region_fields", ()):
        assigned = model._default_manager.filter(**{f"{field}__in": regions}).values("pk")
        condition |= Q(pk__in=assigned)
    return condition


def in_regions(pages, regions):
    """The pages of the queryset `pages` that belong to any of `regions` (each page once, no DISTINCT)."""
    return pages.filter(region_condition(pages.model, regions))


class RegionPageQuerySet(PortalPageQuerySet):
    def filed_above(self, page):
        """The region `page` is filed under (a region page: itself) as a queryset, empty if there is none."""
        if page.depth < REGION_DEPTH:
            return self.none()
        return self.filter(path=page.path[: Page.steplen * REGION_DEPTH])

    def filing_region_of(self, page):
        """The region `page` is filed under (a region page answers itself), or None."""
        return self.filed_above(page).first()

    def annotate_filing_region(self, pages):
        """`pages` with `filing_region_id` and `filing_region_title` ("" if none), in the same query."""
        region_path = Substr(OuterRef("path"), 1, Page.steplen * REGION_DEPTH)
        regions = self.filter(path=region_path).order_by()
        return pages.annotate(
            filing_region_id=Subquery(regions.values("pk")[:1], output_field=IntegerField()),
            filing_region_title=Coalesce(
                Subquery(regions.values("title")[:1]), Value(""), output_field=CharField()
            ),
        )
