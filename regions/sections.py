"""The regions' own sections: the regions on the home page, the fields of action on a region page."""

from django.utils.translation import gettext as _


def home_regions(home):
    """The published regions below the home page, as teasers."""
    return {"heading": _("Die Regionen"), "items": home.regions()}


def fields_of_action(region):
    """The region's fields of action as tags (side column)."""
    tags = list(region.fields_of_action.all())
    return {"heading": _("Handlungsfelder"), "tags": tags} if tags else {}
