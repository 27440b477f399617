"""Ordered links from region and organisation pages to contact people."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from core.images import renditions


def linked_people(links):
    """The published people of ordered contact links, with what their contact cards show, in one go."""
    links = links.select_related("person__organisation", "person__photo").prefetch_related(
        renditions("person__photo", "card_photo")
    )
    return [link.person for link in links if link.person.live]


class ContactPersonLink(Orderable):
    """Abstract ordered link from a page to a contact person."""

    person = models.ForeignKey(
        "contacts.ContactPersonPage",
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True


class RegionContactPerson(ContactPersonLink):
    """A contact person shown on a region page ("Kontaktperson")."""

    page = ParentalKey("regions.RegionPage", related_name="contact_links", on_delete=models.CASCADE)


class OrganisationContactPerson(ContactPersonLink):
    """A contact person listed on an organisation page ("Ansprechpartner")."""

    page = ParentalKey("contacts.OrganisationPage", related_name="contact_links", on_delete=models.CASCADE)
