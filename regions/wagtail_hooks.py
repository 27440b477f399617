"""The regions' own sections: the list of regions on the home page, the fields of action on a region page."""

from django.utils.translation import gettext as _
from wagtail import hooks

from core.sections import Section


def home_regions(home):
    return {"heading": _("Die Regionen"), "items": home.regions()}


def fields_of_action(region):
    tags = list(region.fields_of_action.all())
    return {"heading": _("Handlungsfelder"), "tags": tags} if tags else {}


@hooks.register("register_home_section")
def register_home_regions():
    return Section(name="regions", template="components/teaser_section.html", context=home_regions, order=10)


@hooks.register("register_region_section")
def register_fields_of_action():
    return Section(
        name="fields_of_action",
        template="sections/tag_box.html",
        context=fields_of_action,
        area="side",
        order=20,
    )
