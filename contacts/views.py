from django.shortcuts import get_object_or_404, redirect
from wagtail.models import Page

from contacts.models import ContactPersonPage, OrganisationPage


def short_url(request, page_id):
    """/k/<id>/: send partners' permanent links on to the contact card's current address."""
    cards = Page.objects.live().public().type(ContactPersonPage, OrganisationPage)
    page = get_object_or_404(cards, pk=page_id)
    return redirect(page.url)
