"""The search form in the header of every page."""

from django.urls import reverse
from wagtail import hooks

from core.sections import SITE_SECTION_HOOK, Section


def search_form(request):
    return {"search_url": reverse("search")}


@hooks.register(SITE_SECTION_HOOK)
def register_search_form():
    return Section(name="search", template="navigation/search_form.html", context=search_form, area="header")
