"""Contact people, partner organisations, the regionen.NRW partner directory and the contact list."""

from contacts.models.links import (
    ContactPersonLink,
    OrganisationContactPerson,
    RegionContactPerson,
    linked_people,
)
from contacts.models.organisations import DirectoryPage, OrganisationPage, OrganisationPageTag
from contacts.models.people import ContactIndexPage, ContactPersonPage

__all__ = [
    "ContactIndexPage",
    "ContactPersonLink",
    "ContactPersonPage",
    "DirectoryPage",
    "OrganisationContactPerson",
    "OrganisationPage",
    "OrganisationPageTag",
    "RegionContactPerson",
    "linked_people",
]
