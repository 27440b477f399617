"""Settings for pytest: the database comes from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
# The link check's tests fetch from a web server on 127.0.0.1.
LINKCHECK_ALLOW_PRIVATE_ADDRESSES = True
# One process: a memory cache unless REDIS_URL asks for Redis. The page cache is switched on by
# the tests that check it (tests/test_page_cache.py); the others measure real rendering.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_ENABLED = False
