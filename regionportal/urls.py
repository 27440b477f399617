"""URL routes: Django admin is not exposed; Wagtail serves every page."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemaps import PortalSitemap
from regionportal.api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("", include("contacts.urls")),
    path("newsletter-abo/", include("newsletter.urls")),
    path("suche/", include("search.urls")),
    path("barriere-melden/", include("legal.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# For crawlers: every live public page with its last change, and what they should leave alone.
urlpatterns += [
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots_txt",
    ),
]

# Wagtail's front-end URLs: every page, served through core/views.py (one query cheaper).
urlpatterns += [path("", include("core.urls"))]
