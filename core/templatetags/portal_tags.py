"""Tags and filters for the public templates: navigation, teasers, page sections, pagination, links."""

from django import template
from django.apps import apps

from core import sections
from core.models import all_pages
from core.models import singleton_page as find_singleton_page
from core.routing import PathPages, site_root

register = template.Library()


def ancestor_pages(page):
    """The page's ancestors from the tree root down; portal pages know them from routing (core/routing.py)."""
    if hasattr(page, "ancestor_pages"):
        return page.ancestor_pages
    return list(page.get_ancestors())


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page's live, public children that editors put in the menu (the portal's main sections)."""
    request = context.get("request")
    root = site_root(request)
    if root is None:
        return []
    path_pages = PathPages.for_request(request)
    menu = path_pages.menu(root) if path_pages else None  # read with the page's path (core/routing.py)
    return menu if menu is not None else all_pages().child_of(root).live().public().in_menu()


@register.inclusion_tag("navigation/main_nav.html", takes_context=True)
def main_menu(context):
    """The main sections as menu items; `current` is "page" on the section's page, "true" below it."""
    request = context.get("request")
    current_page = context.get("page")
    items = []
    for child in menu_pages(context):
        current = ""
        if current_page is not None and current_page.path.startswith(child.path):
            current = "page" if current_page.pk == child.pk else "true"
        items.append({"title": child.title, "url": child.get_url(request), "current": current})
    return {"items": items}


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The current page's ancestors from the site's home page down; nothing on the home page itself."""
    request = context.get("request")
    page = context.get("page")
    root = site_root(request)
    if page is None or root is None or page.pk == root.pk or not page.path.startswith(root.path):
        return {"crumbs": [], "page": page}
    crumbs = [
        {"title": ancestor.title, "url": ancestor.get_url(request), "is_home": ancestor.pk == root.pk}
        for ancestor in ancestor_pages(page)
        if ancestor.depth >= root.depth and ancestor.live
    ]
    return {"crumbs": crumbs, "page": page}


@register.simple_tag(takes_context=True)
def singleton_page(context, model_label):
    """The live, public page of a one-per-site page type ("news.NewsIndexPage"), or None."""
    return find_singleton_page(apps.get_model(model_label), memo=context.get("request"))


@register.filter
def live_url(page):
    """The page's URL if it is published, else "", so templates link only to live pages."""
    return page.url if page and page.live else ""


@register.inclusion_tag("components/teaser.html")
def teaser(page, heading_level=3, url=None, image_sizes=""):
    """Render any portal page as the one teaser component; `url` overrides where it leads.

    `image_sizes` replaces the image's `sizes` where the card is wider than in the usual grid.
    """
    return {
        "title": page.teaser_title,
        "url": url or page.teaser_url,
        "summary": page.teaser_summary,
        "image": page.teaser_image,
        "kind": page.teaser_kind,
        "date": page.teaser_date,
        "badge": page.teaser_badge,
        "link_text": page.teaser_link_text,
        "external": page.teaser_external,
        "heading_level": heading_level,
        "image_sizes": image_sizes,
    }


@register.simple_tag(takes_context=True)
def site_sections(context, area):
    """The frame parts apps add to every page, e.g. `{% site_sections "header" as parts %}`."""
    return sections.site_sections(context.get("request"), area)


@register.simple_tag(takes_context=True)
def render_section(context, section, template_name=None):
    """Render a page section's template (or `template_name`) with the section's own context added."""
    template = context.template.engine.get_template(template_name or section.template)
    with context.push(**section.context):
        return template.render(context)


@register.simple_tag
def page_range(page_obj):
    """Page numbers to show around the current one, with gaps as the paginator's ellipsis ("…")."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.filter
def short_url(url):
    """A web address as people read it: without scheme, "www." and trailing slash."""
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


@register.filter
def webcal(url):
    """The same address with the webcal:// scheme calendar apps subscribe to."""
    return "webcal://" + url.split("://", 1)[-1]
