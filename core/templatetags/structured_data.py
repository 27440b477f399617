"""Template tag for schema.org JSON-LD blocks."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.templatetags.portal_tags import ancestor_pages

register = template.Library()

# The same escapes as Django's json_script, so no value can end the <script> element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """`{% json_ld page.structured_data %}` renders a <script type="application/ld+json"> block."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_json_ld(context, page):
    """`{% page_json_ld page %}` renders the page's own schema.org data, `page.structured_data(request)`."""
    return json_ld(page.structured_data(context.get("request")))


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, page):
    """schema.org BreadcrumbList from the site's home page down to `page`."""
    request = context.get("request")
    trail = [ancestor for ancestor in [*ancestor_pages(page), page] if ancestor.depth > 1]
    items = [
        {"@type": "ListItem", "position": position, "name": crumb.title, "item": crumb.get_full_url(request)}
        for position, crumb in enumerate(trail, start=1)
    ]
    return json_ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
