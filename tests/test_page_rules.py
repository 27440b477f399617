"""Editors can only create pages where they belong in the tree."""

import pytest
from wagtail.models import Page

from contacts.models import ContactIndexPage, ContactPersonPage, DirectoryPage, OrganisationPage
from core.models import ContentPage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from regions.models import HomePage, ProjectPage, RegionPage

pytestmark = pytest.mark.django_db

ALLOWED_PARENTS = {
    HomePage: {Page},
    RegionPage: {HomePage},
    ProjectPage: {RegionPage},
    OrganisationPage: {RegionPage, DirectoryPage},
    ContactPersonPage: {RegionPage, ContactIndexPage},
    NewsPage: {RegionPage, NewsIndexPage},
    EventPage: {RegionPage, EventIndexPage},
    NewsIndexPage: {HomePage},
    EventIndexPage: {HomePage},
    DirectoryPage: {HomePage},
    ContactIndexPage: {HomePage},
    ContentPage: {HomePage, ContentPage},
}


@pytest.mark.parametrize(("model", "parents"), ALLOWED_PARENTS.items(), ids=lambda value: str(value))
def test_allowed_parent_page_types(model, parents):
    assert set(model.allowed_parent_page_models()) == parents


def test_region_content_can_be_created_in_a_region(demo_page):
    region = demo_page("metropole-ruhr")
    for model in (NewsPage, EventPage, ProjectPage, ContactPersonPage, OrganisationPage):
        assert model.can_create_at(region), model


def test_region_content_cannot_be_created_at_the_wrong_place(demo_page):
    home = demo_page("")
    news_item = demo_page("metropole-ruhr/kraftwerksflaechen-neu-nutzen")
    assert not NewsPage.can_create_at(home)
    assert not ProjectPage.can_create_at(demo_page("aktuelles"))
    assert not RegionPage.can_create_at(demo_page("partnerverzeichnis"))
    assert not ContactPersonPage.can_create_at(news_item)


def test_portal_wide_pages_exist_only_once(demo_page):
    home = demo_page("")
    for model in (NewsIndexPage, EventIndexPage, DirectoryPage, ContactIndexPage):
        assert not model.can_create_at(home), model
    assert not HomePage.can_create_at(Page.get_first_root_node())
