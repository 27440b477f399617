"""Content-Security-Policy per area of the site, and the two-factor step for the Wagtail admin."""

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from security import two_factor


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with a second, relaxed policy for the Wagtail admin.

    Public pages get CONTENT_SECURITY_POLICY (no inline code at all). Wagtail's admin needs inline
    scripts and styles and frames its own previews, so paths below one of
    ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"] get that policy instead. A view can still set its
    own policy with django-csp's decorators (the embeddable contact card does). Previews count as
    admin responses.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if not report_only and admin_policy and parts.config is None and self.is_admin(request, admin_policy):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts

    @staticmethod
    def is_admin(request, admin_policy):
        # Wagtail renders previews through the middleware with a dummy request for the page's public
        # path; the result is shown inside the admin (in its preview iframe), so it gets that policy.
        if getattr(request, "is_dummy", False):
            return True
        return request.path_info.startswith(tuple(admin_policy["URL_PREFIXES"]))


class AdminTwoFactorMiddleware:
    """Sends signed-in staff to the code step before they can use the admin.

    Users with a confirmed authenticator app must enter a code once per session; users for whom the
    settings require two-factor sign-in (TWO_FACTOR_REQUIRED_FOR_SUPERUSERS) and who have no app yet
    are sent to set one up. Public pages are never touched, so they stay free of session access.
    Needs django-otp's OTPMiddleware before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = self.required_step(request)
        if step is not None:
            next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
            return redirect(f"{step}?{urlencode({'next': next_url})}")
        return self.get_response(request)

    def required_step(self, request):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        verify_url = reverse("security_two_factor_verify")
        open_paths = {
            verify_url,
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
        }
        if request.path in open_paths:
            return None
        if user_has_device(user):
            return verify_url
        setup_url = reverse("security_two_factor")
        if two_factor.is_required_for(user) and request.path != setup_url:
            return setup_url
        return None
