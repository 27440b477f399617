"""Settings shared by every environment; everything machine-specific comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable into a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "regions",
    "contacts",
    "projects",
    "news",
    "newsletter",
    "legal",
    "search",
    "security",
    "editorial",
    "linkcheck",
    "pagecache",
    "worker",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "phonenumber_field",
    "rest_framework",
    "corsheaders",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers If-None-Match/If-Modified-Since with 304, also for pages from the page cache.
    "django.middleware.http.ConditionalGetMiddleware",
    # Above everything that builds a response, so a cached page skips all of it (pagecache/).
    "pagecache.middleware.PageCacheMiddleware",
    # Brotli, gzip or zstd as the client asks; cached pages are stored compressed.
    "compression_middleware.middleware.CompressionMiddleware",
    "security.middleware.PortalCSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "editorial.middleware.AdminPermissionDeniedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "regionportal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "regionportal.wsgi.application"

# SQLite file next to manage.py unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process that serves or publishes: Redis when REDIS_URL is set (every
# instance on every machine), otherwise files below DJANGO_CACHE_DIR (every process on this
# machine: web workers and the job worker). The page cache (pagecache/) lives in it too.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "regionportal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Page cache (pagecache/): whole public pages for anonymous visitors, invalidated on every content
# change. Only the views named here are cached, under their path and these query parameters
# (filters, pagination, search); any other parameter is ignored for the cache key.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
# Seconds a shared cache (reverse proxy, CDN) may keep a page; 0 until it is purged on publish.
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "0"))
PAGE_CACHE_URL_NAMES = {
    "wagtail_serve",
    "sitemap",
    "robots_txt",
    "search",
    "accessibility_feedback",
    "newsletter_subscribe",
    "newsletter_unsubscribe_form",
}
PAGE_CACHE_QUERY_PARAMETERS = {"auswahl", "field", "jahr", "kind", "q", "region", "seite", "thema"}

# django-axes first: it refuses to authenticate while a username+IP is locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "DE"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Local media is served by Django itself only on a single machine (see regionportal/urls.py).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal@regionen.nrw.example")

# The partner API may be read from any website, but only read.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True  # ASCII slugs keep filter URLs readable
WAGTAILAPI_LIMIT_MAX = 20
WAGTAIL_SITE_NAME = "regionen.NRW Portal"
# Seconds to wait for each external server during the link check (manage.py check_links).
LINKCHECK_TIMEOUT = float(os.environ.get("LINKCHECK_TIMEOUT", "10"))
# Links into the server's own network (loopback, private, link-local) are reported, not fetched.
LINKCHECK_ALLOW_PRIVATE_ADDRESSES = env_bool("LINKCHECK_ALLOW_PRIVATE_ADDRESSES", False)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Full-text search in the database; on PostgreSQL with German stemming ("Regionen" finds "Region").
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"
WAGTAILIMAGES_IMAGE_MODEL = "core.PortalImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Video formats for the sign-language videos (BITV 2.0 Anlage 2), downloadable as documents.
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"],
    *["mp4", "webm"],
]
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"

# --- Security (README "Sicherheit") -------------------------------------------------------------
# Public pages have no inline scripts or styles: scripts (static/js, progressive enhancement only),
# styles and fonts come from this site; KERN's CSS draws its icons from data: URIs. JSON-LD blocks
# are data, not scripts, and need no allowance. The embeddable contact card (contacts/cards.py)
# replaces frame-ancestors with *.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        # Two-click embeds (core.blocks.ExternalEmbedBlock) frame https pages the editors chose.
        "frame-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin needs inline scripts and styles and shows previews in same-origin iframes
# (security.middleware.PortalCSPMiddleware applies this below the prefixes). connect-src allows
# Wagtail's check for new releases, so the dashboard can announce security updates.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "https://releases.wagtail.org"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN themselves
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
# No avatars from gravatar.com: the admin would send a hash of every editor's e-mail address there.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# IP address the login answers HTTP 429 for AXES_COOLOFF_TIME. Attempts live in the database, so
# every instance sees the same count. Behind reverse proxies set DJANGO_TRUSTED_PROXY_COUNT to the
# number of proxies that append to X-Forwarded-For (security/client_ip.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip_address"
AXES_LOCKOUT_CALLABLE = "security.views.lockout_response"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp, TOTP apps) for the Wagtail admin: every editor can switch it on
# under Konto → Zwei-Faktor-Anmeldung; DJANGO_2FA_REQUIRED_FOR_SUPERUSERS=1 makes it mandatory
# for superusers (off by default so the local demo login works without a phone).
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = env_bool("DJANGO_2FA_REQUIRED_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Uploads: images by extension and real format (Wagtail checks both), size and pixel count, and
# they must decode (security.forms.ImageForm); documents by extension (WAGTAILDOCS_EXTENSIONS) and size.
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Large enough for a few minutes of sign-language video; set the same limit at the reverse proxy.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DJANGO_DOCUMENT_MAX_UPLOAD_MB", "200")) * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
