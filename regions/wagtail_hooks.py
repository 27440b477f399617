"""The regions' own sections, registered like those of every other app."""

from wagtail import hooks

from core.sections import Section
from regions import sections


@hooks.register("register_home_section")
def register_home_regions():
    return Section(
        name="regions", template="components/teaser_section.html", context=sections.home_regions, order=10
    )


@hooks.register("register_region_section")
def register_fields_of_action():
    return Section(
        name="fields_of_action",
        template="components/tag_box.html",
        context=sections.fields_of_action,
        area="side",
        order=20,
    )
