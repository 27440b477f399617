"""A denied page in the Wagtail admin answers 403 Forbidden instead of a redirect to the dashboard."""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

# Wagtail's wagtail.admin.auth.permission_denied queues this message and redirects to the dashboard.
WAGTAIL_DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def is_denial_message(message):
    """Wagtail's message in English or the active language (it appends blank lines for its buttons)."""
    texts = {WAGTAIL_DENIED_MESSAGE, translation.gettext(WAGTAIL_DENIED_MESSAGE)}
    return message.level == messages.ERROR and str(message.message).strip() in texts


def is_wagtail_denial(request, response):
    """True for the redirect to the dashboard that Wagtail answers a denied admin page with."""
    if response.status_code != 302 or response.get("Location") != reverse("wagtailadmin_home"):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
    return any(is_denial_message(message) for message in queued)


class AdminPermissionDeniedMiddleware:
    """Turn Wagtail's "no permission" redirect into a 403 page that says why and links back.

    Editors and their tools then see the refusal where it happened (a region team opening another
    region's page), and the status code says what it is. Must sit below MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_wagtail_denial(request, response):
            return response
        request._messages._queued_messages = [
            message for message in request._messages._queued_messages if not is_denial_message(message)
        ]
        return TemplateResponse(request, "editorial/permission_denied.html", status=403).render()
