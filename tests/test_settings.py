"""Production settings are safe: they refuse to start without secrets and pass Django's deploy checks."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "regionportal.settings.production",
    "DJANGO_SECRET_KEY": "x7#kq2!Lm9@vR4$tB8^wN1&zP6*cF3(hJ5)sD0-gY2+eU7=aQ4_iO9~lK3",
    "DJANGO_ALLOWED_HOSTS": "portal.example",
}


def run_manage(*args, env):
    base_env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env={})
    assert result.stdout.strip().endswith("False"), result.stdout + result.stderr


def test_site_speaks_german_in_berlin_time():
    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
