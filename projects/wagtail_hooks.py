"""The projects section of a region page."""

from wagtail import hooks

from core.sections import Section
from projects import sections


@hooks.register("register_region_section")
def register_region_projects():
    return Section(
        name="projects", template="components/teaser_section.html", context=sections.region_projects, order=10
    )
