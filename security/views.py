"""Admin views: set up or switch off the authenticator app, and the code step after signing in."""

import django_otp
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from security import two_factor
from security.forms import TokenForm

WRONG_CODE = _("Der Code stimmt nicht oder ist abgelaufen. Bitte geben Sie den aktuellen Code ein.")
TOO_MANY_TRIES = _("Zu viele falsche Codes. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.")


def safe_next_url(request, default):
    """The ?next= address if it stays on this site, otherwise the default."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def check_code(form, user, device):
    """Verify the form's code against the device; on failure put the reason on the form.

    After each wrong code django-otp refuses further tries for a doubling delay (1 s, 2 s, 4 s …).
    """
    if two_factor.throttled(device):
        form.add_error("otp_token", TOO_MANY_TRIES)
        return False
    if two_factor.verify(user, device, form.cleaned_data["otp_token"]):
        return True
    form.add_error("otp_token", WRONG_CODE)
    return False


def sign_in_with(request, device):
    """Mark the session as verified by the device, under a new session key."""
    request.session.cycle_key()
    django_otp.login(request, device)


@method_decorator(never_cache, name="dispatch")
class TwoFactorVerifyView(FormView):
    """The second step after Wagtail's login for staff who have set up an authenticator app."""

    template_name = "security/two_factor_verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        self.device = two_factor.confirmed_device(request.user)
        if self.device is None or request.user.is_verified():
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return safe_next_url(self.request, reverse("wagtailadmin_home"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.get_success_url()
        return context

    def form_valid(self, form):
        if not check_code(form, self.request.user, self.device):
            return self.form_invalid(form)
        sign_in_with(self.request, self.device)
        return redirect(self.get_success_url())


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(WagtailAdminTemplateMixin, FormView):
    """Account page: connect an authenticator app by QR code, or switch two-factor sign-in off."""

    template_name = "security/two_factor_setup.html"
    form_class = TokenForm
    page_title = _("Zwei-Faktor-Anmeldung")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.device = two_factor.confirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("wagtailadmin_account"), "label": _("Benutzerkonto")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["device"] = self.device
        context["required"] = two_factor.is_required_for(user)
        context["next"] = safe_next_url(self.request, "")
        if self.device is None:
            pending = two_factor.pending_device(user)
            context["qr_code"] = mark_safe(two_factor.qr_code_svg(pending))  # noqa: S308 - SVG from segno
            context["secret"] = two_factor.secret_for_manual_entry(pending)
        return context

    def form_valid(self, form):
        user = self.request.user
        if self.device is None:
            device = two_factor.pending_device(user)
            if not check_code(form, user, device):
                return self.form_invalid(form)
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            sign_in_with(self.request, device)
            messages.success(
                self.request,
                _("Die Zwei-Faktor-Anmeldung ist eingerichtet. Ab jetzt fragt die Anmeldung nach dem Code."),
            )
            return redirect(safe_next_url(self.request, reverse("wagtailadmin_account")))

        if not check_code(form, user, self.device):
            return self.form_invalid(form)
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(self.request, _("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."))
        return redirect("security_two_factor")


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer once the failure limit is reached: HTTP 429 with a German explanation."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
