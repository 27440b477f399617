"""Tags and filters for the public templates: navigation, teasers, page sections, pagination, links."""

from django import template
from django.apps import apps
from wagtail.models import Site

from core import sections

register = template.Library()


def _site_root(request):
    """The home page of the site the request is for, or None."""
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page's live, public children that editors put in the menu (the portal's main sections)."""
    root = _site_root(context.get("request"))
    return root.get_children().live().public().in_menu() if root is not None else []


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
    root = _site_root(request)
    if page is None or root is None or page.pk == root.pk or not page.path.startswith(root.path):
        return {"crumbs": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gte=root.depth).live()
    crumbs = [
        {"title": ancestor.title, "url": ancestor.get_url(request), "is_home": ancestor.pk == root.pk}
        for ancestor in ancestors
    ]
    return {"crumbs": crumbs, "page": page}


@register.simple_tag
def singleton_page(model_label):
    """The live, public page of a one-per-site page type ("news.NewsIndexPage"), or None."""
    return apps.get_model(model_label).objects.live().public().first()


@register.filter
def live_url(page):
    """The page's URL if it is published, else "", so templates link only to live pages."""
    return page.url if page and page.live else ""


@register.inclusion_tag("components/teaser.html")
def teaser(page, heading_level=3, url=None):
    """Render any portal page as the one teaser component; `url` overrides where it leads."""
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
