"""What contacts contribute to a region page: who carries its management, and whom to contact."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import gettext as _

from contacts.models import OrganisationPage, linked_people
from core.images import with_teaser_renditions
from core.sections import once_per_page


@once_per_page
def management_and_carriers(region):
    """The regional management's organisation page filed under the region (or None) and its carriers.

    One query for both: the first live, public organisation below the region, and the live, public
    organisations it names as carriers, in tree order.
    """
    first_below = OrganisationPage.objects.child_of(region).live().public().order_by("path").values("pk")[:1]
    carried = OrganisationPage.carriers.through.objects.filter(from_organisationpage__in=first_below)
    is_management = ExpressionWrapper(Q(pk__in=first_below), output_field=BooleanField())
    is_carrier = ExpressionWrapper(
        Q(pk__in=carried.values("to_organisationpage")), output_field=BooleanField()
    )
    pages = (
        OrganisationPage.objects.live()
        .public()
        .annotate(is_management=is_management, is_carrier=is_carrier)
        .filter(Q(is_management=True) | Q(is_carrier=True))
        .order_by("path")
    )
    pages = list(with_teaser_renditions(pages))
    organisation = next((page for page in pages if page.is_management), None)
    return organisation, [page for page in pages if page.is_carrier]


def management(region):
    """The regional management's organisation page filed under the region, if any."""
    return management_and_carriers(region)[0]


def carriers(region):
    """The organisations that carry the region's management (side column)."""
    pages = management_and_carriers(region)[1]
    return {"heading": _("Getragen von"), "pages": pages} if pages else {}


def contacts(region):
    """The regional management and the region's contact people (section "Kontakt")."""
    people = linked_people(region.contact_links.all())
    organisation = management(region)
    if not (people or organisation):
        return {}
    return {"heading": _("Kontakt"), "organisation": organisation, "people": people}
