"""A new region (or shared section) gets its editorial rights the moment it is created."""

from wagtail import hooks
from wagtail.models import Site

from editorial.roles import setup_editorial


@hooks.register("after_create_page")
def set_up_rights_for_new_top_level_page(request, page):
    """A page directly below a site's home page is a region or a shared section: give it its team."""
    site = Site.objects.filter(root_page=page.get_parent()).first()
    if site is not None:
        setup_editorial(site)
