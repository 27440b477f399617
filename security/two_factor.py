"""Two-factor sign-in for the Wagtail admin with TOTP devices (authenticator apps) from django-otp."""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator-App"
QR_CODE_SCALE = 5


def is_required_for(user):
    """Whether the user must set up a second factor before using the admin (settings decide)."""
    return bool(settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS and user.is_superuser)


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user):
    """The unconfirmed device being set up; the same one (and QR code) until it is confirmed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def verify(user, device, token):
    """Check a code against one device, with django-otp's throttling and replay protection."""
    return django_otp.verify_token(user, device.persistent_id, token) is not None


def throttled(device):
    allowed, _details = device.verify_is_allowed()
    return not allowed


def secret_for_manual_entry(device):
    """The base32 secret in groups of four, for apps that cannot scan a QR code."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The otpauth:// provisioning URI as inline SVG, rendered on the server."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=QR_CODE_SCALE, title="QR-Code zum Einrichten der Authenticator-App"
    )
