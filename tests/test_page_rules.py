"""Editors can only create pages where they belong in the tree."""

import pytest
from wagtail.models import Page, get_page_models

from contacts.models import ContactIndexPage, ContactPersonPage, DirectoryPage, OrganisationPage
from core.models import ContentPage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from projects.models import ProjectPage
from regions.models import HomePage, RegionPage

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


def test_the_home_and_region_pages_take_exactly_the_types_that_name_them_as_parent(demo_page):
    """Home and region pages list no subpage types (regions imports no app above it): children choose."""
    home_children = {
        model for model in HomePage.allowed_subpage_models() if model.can_exist_under(demo_page(""))
    }
    assert RegionPage in home_children and NewsIndexPage in home_children and ContentPage in home_children
    assert NewsPage not in home_children and ProjectPage not in home_children
    region_children = set(RegionPage.allowed_subpage_models())
    assert {ProjectPage, OrganisationPage, ContactPersonPage, NewsPage, EventPage} <= region_children
    assert not region_children & {RegionPage, HomePage, NewsIndexPage, DirectoryPage}


def test_content_pages_go_below_the_home_page_or_another_content_page(demo_page):
    """ContentPage lives in core, which names no home page type: it checks the parent's place instead."""
    assert ContentPage.can_create_at(demo_page(""))
    assert ContentPage.can_create_at(demo_page("datenschutz"))
    assert not ContentPage.can_create_at(demo_page("metropole-ruhr"))
    assert not ContentPage.can_create_at(demo_page("aktuelles"))
    assert not ContentPage.can_create_at(Page.get_first_root_node())


def test_portal_wide_pages_exist_only_once(demo_page):
    home = demo_page("")
    for model in (NewsIndexPage, EventIndexPage, DirectoryPage, ContactIndexPage):
        assert not model.can_create_at(home), model
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_every_page_type_names_its_parents():
    """Home and region pages take whatever names them as parent, so a type without the rule would
    appear everywhere; only the home page (below the root) and ContentPage (own check) may omit it."""
    without = {model for model in get_page_models() if getattr(model, "parent_page_types", None) is None}
    assert without <= {Page, ContentPage}
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
