"""Signing in to the admin: lockout after failed attempts (django-axes) and two-factor codes (django-otp)."""

import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import visible_text

pytestmark = pytest.mark.django_db

PERSON = "region-duesseldorf-kreis-mettmann/dr-kai-bueter"
ORGANISATION = "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"
LOGIN_URL = "/admin/login/"
PASSWORD = "richtiges-passwort-42"


# --- Login throttling (django-axes) ------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redakteurin", "redakteurin@example.org", PASSWORD)


def log_in(client, password, username="redakteurin", **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


@override_settings(AXES_FAILURE_LIMIT=5)
def test_login_is_locked_after_five_failures_for_that_username_and_address(client, editor):
    for _attempt in range(4):
        response = log_in(client, "falsch")
        assert response.status_code == 200
    locked = log_in(client, "falsch")

    assert locked.status_code == 429
    text = visible_text(locked)
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in text
    assert "15 Minuten" in text
    assert log_in(client, PASSWORD).status_code == 429, "the right password does not help while locked"
    assert log_in(client, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302, "other addresses may log in"


@override_settings(AXES_FAILURE_LIMIT=2, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_client_address_counts(client, editor):
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    log_in(client, "falsch", **attacker)
    assert log_in(client, "falsch", **attacker).status_code == 429

    # Same proxy, another client: not locked, even if the attacker forges the header's left part.
    colleague = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9"}
    assert log_in(client, PASSWORD, **colleague).status_code == 302


# --- Two-factor sign-in (django-otp TOTP) ------------------------------------------------------


def current_code(device):
    device.refresh_from_db()
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


def code_string(device):
    return f"{current_code(device):0{device.digits}d}"


@pytest.fixture
def editor_with_app(editor):
    device = TOTPDevice.objects.create(user=editor, name="Authenticator-App", confirmed=True)
    return editor, device


def test_login_asks_for_the_code_and_lets_a_valid_one_in(client, editor_with_app):
    _user, device = editor_with_app
    assert log_in(client, PASSWORD).status_code == 302

    step = client.get("/admin/")
    verify_url = reverse("security_two_factor_verify")
    assert step.status_code == 302
    assert step["Location"].startswith(verify_url)
    assert client.get("/admin/pages/").status_code == 302, "no admin page before the code"
    assert "Code aus der Authenticator-App" in visible_text(client.get(step["Location"]))

    response = client.post(verify_url, {"otp_token": code_string(device), "next": "/admin/pages/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client, editor_with_app):
    _user, device = editor_with_app
    log_in(client, PASSWORD)
    wrong = f"{(current_code(device) + 1) % 10**device.digits:06d}"

    response = client.post(reverse("security_two_factor_verify"), {"otp_token": wrong})

    assert response.status_code == 200
    assert "Der Code stimmt nicht" in visible_text(response)
    assert client.get("/admin/")["Location"].startswith(reverse("security_two_factor_verify"))


def test_an_external_next_address_is_ignored(client, editor_with_app):
    _user, device = editor_with_app
    log_in(client, PASSWORD)
    response = client.post(
        reverse("security_two_factor_verify"),
        {"otp_token": code_string(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_editor_sets_up_an_authenticator_app_with_a_qr_code(admin_client, django_user_model):
    setup_url = reverse("security_two_factor")
    page = admin_client.get(setup_url)

    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="redaktion", confirmed=False)
    assert visible_text(page).count(device.config_url) == 0, "the secret is shown, not the raw URI"

    response = admin_client.post(setup_url, {"otp_token": code_string(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert admin_client.get("/admin/").status_code == 200, "this session counts as verified"
    account = visible_text(admin_client.get(reverse("wagtailadmin_account")))
    assert "Zwei-Faktor-Anmeldung" in account


def test_a_wrong_code_does_not_confirm_the_app(admin_client):
    setup_url = reverse("security_two_factor")
    admin_client.get(setup_url)
    response = admin_client.post(setup_url, {"otp_token": "000000"})

    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_users_without_an_app_log_in_with_the_password_alone(client, editor):
    log_in(client, PASSWORD)
    assert client.get("/admin/").status_code == 200


@override_settings(TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=True)
def test_settings_can_require_two_factor_for_superusers(admin_client):
    response = admin_client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security_two_factor"))
    assert admin_client.get(response["Location"]).status_code == 200


def test_reset_command_removes_a_lost_app(editor_with_app):
    from django.core.management import call_command

    user, _device = editor_with_app
    call_command("reset_2fa", user.username, stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=user).exists()
