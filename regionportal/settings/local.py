"""`make run`: the portal served as in production, on one machine over plain http.

DEBUG off, gunicorn with whitenoise and compressed, fingerprinted static files, the page cache in
the shared file cache (see base.py), SQLite and local media. The secret key is generated once into
.secret_key (git-ignored) unless DJANGO_SECRET_KEY is set. Not for the internet: no https, so the
secure-cookie and HSTS settings of production.py are off.
"""

import os
import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY_FILE = BASE_DIR / ".secret_key"


def local_secret_key():
    """The key in SECRET_KEY_FILE, created on first use (atomically: several workers start at once)."""
    if not SECRET_KEY_FILE.exists():
        draft = SECRET_KEY_FILE.with_name(f".secret_key.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, SECRET_KEY_FILE)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return SECRET_KEY_FILE.read_text().strip()


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# One SQLite connection per thread kept open, as production keeps PostgreSQL connections.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "600"))  # noqa: F405
