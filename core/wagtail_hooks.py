"""Admin: the accessibility checker editors see in the page editor; serving: what routing already read."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from core.routing import PathPages


class PortalContentCheckerItem(ContentCheckerItem):
    """Wagtail's accessibility checker on what editors write (the main area), plus images without alt text."""

    axe_include = ["main"]
    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt"]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Bild ohne Alternativtext"),
            "help_text": _("Alternativtext eintragen oder das Bild ausdrücklich als dekorativ kennzeichnen"),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_portal_accessibility_checker(request, items, page):
    """Used by the userbar and by the "Prüfungen" panel of the page editor alike."""
    items[:] = [
        PortalContentCheckerItem(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]


@hooks.register("before_serve_page")
def attach_path_pages(page, request, serve_args, serve_kwargs):
    """The served page learns its ancestors and view restrictions from the route's query (core/routing.py)."""
    PathPages.attach(request, page)
