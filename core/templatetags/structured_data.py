"""Template tag for schema.org JSON-LD blocks."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
