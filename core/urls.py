"""Wagtail's front-end URLs (password and login forms, pages), with the page view from core/views.py."""

from django.urls import re_path
from wagtail import urls as wagtail_urls
from wagtail.urls import serve_pattern

from core import views

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    # Wagtail's own pattern and name, served through its view one query cheaper (core/views.py).
    re_path(serve_pattern, views.serve, name="wagtail_serve"),
]
