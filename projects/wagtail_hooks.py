"""The projects section of a region page."""

from django.utils.translation import gettext as _
from wagtail import hooks

from core.sections import Section
from projects.models import ProjectPage


def region_projects(region):
    projects = ProjectPage.objects.child_of(region).live().public().order_by("title")
    return {"heading": _("Projekte"), "items": projects}


@hooks.register("register_region_section")
def register_region_projects():
    return Section(
        name="projects", template="components/teaser_section.html", context=region_projects, order=10
    )
