"""What contacts contribute to a region page: who carries its management, and whom to contact."""

from django.utils.translation import gettext as _

from contacts.models import OrganisationPage, linked_people
from core.sections import once_per_page


@once_per_page
def management(region):
    """The regional management's organisation page filed under the region, if any."""
    return OrganisationPage.objects.child_of(region).live().public().first()


def carriers(region):
    """The organisations that carry the region's management (side column)."""
    organisation = management(region)
    pages = list(organisation.carriers.live().public()) if organisation else []
    return {"heading": _("Getragen von"), "pages": pages} if pages else {}


def contacts(region):
    """The regional management and the region's contact people (section "Kontakt")."""
    people = linked_people(region.contact_links.all())
    organisation = management(region)
    if not (people or organisation):
        return {}
    return {"heading": _("Kontakt"), "organisation": organisation, "people": people}
