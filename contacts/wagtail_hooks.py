"""The contacts' sections of a region page: who carries the regional management, and whom to contact."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import InlinePanel, MultiFieldPanel

from contacts.models import OrganisationPage
from core.sections import Section, once_per_page


@once_per_page
def management(region):
    """The regional management's organisation page filed under the region, if any."""
    return OrganisationPage.objects.child_of(region).live().public().first()


def carriers(region):
    """The organisations that carry the region's management."""
    organisation = management(region)
    carriers = list(organisation.carriers.live().public()) if organisation else []
    return {"carriers": carriers} if carriers else {}


def contacts(region):
    people = [link.person for link in region.contact_links.select_related("person") if link.person.live]
    organisation = management(region)
    return {"management": organisation, "people": people} if people or organisation else {}


@hooks.register("register_region_section")
def register_carriers():
    return Section(
        name="carriers", template="sections/region_carriers.html", context=carriers, area="side", order=10
    )


@hooks.register("register_region_section")
def register_contacts():
    return Section(
        name="contacts",
        template="sections/region_contacts.html",
        context=contacts,
        order=40,
        panels=(
            MultiFieldPanel([InlinePanel("contact_links", label=_("Kontaktperson"))], heading=_("Kontakt")),
        ),
    )
