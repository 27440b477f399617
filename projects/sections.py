"""What projects contribute to a region page: the projects it runs."""

from django.utils.translation import gettext as _

from core.images import with_teaser_renditions
from projects.models import ProjectPage


def region_projects(region):
    """The region's published projects, by title, with their teaser images."""
    projects = ProjectPage.objects.child_of(region).live().public().order_by("title")
    return {"heading": _("Projekte"), "items": list(with_teaser_renditions(projects))}
