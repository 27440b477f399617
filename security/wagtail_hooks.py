"""Admin URLs and the account-page entry for two-factor sign-in."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from security import two_factor
from security.views import TwoFactorSetupView, TwoFactorVerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("zwei-faktor/", TwoFactorSetupView.as_view(), name="security_two_factor"),
        path("zwei-faktor/pruefen/", TwoFactorVerifyView.as_view(), name="security_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    if two_factor.confirmed_device(request.user):
        help_text = _("Eingeschaltet: Die Anmeldung fragt nach dem Code aus Ihrer Authenticator-App.")
    else:
        help_text = _("Aus: Schützen Sie Ihr Konto mit einem Code aus einer Authenticator-App.")
    return {
        "url": reverse("security_two_factor"),
        "label": _("Zwei-Faktor-Anmeldung"),
        "help_text": help_text,
    }
