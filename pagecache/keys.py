"""Which requests the page cache answers, and under which key.

The key holds the scheme, host, path, the query string reduced to the parameters pages actually
read (anything else is dropped, so random parameters cannot fill the cache), the content encoding
the response will have, and the date (listings of upcoming events change at midnight).
"""

import hashlib
from urllib.parse import urlencode

from compression_middleware.middleware import compressor
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import Resolver404, resolve
from django.utils import timezone

# Longer reduced query strings are served but not stored (a filter URL is much shorter).
MAX_QUERY_LENGTH = 300


def is_anonymous(request):
    """No session (editors) and no pending message (after a form post) travels with the request."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_public_view(request):
    """The URL leads to a view listed in PAGE_CACHE_URL_NAMES (Wagtail pages, sitemap, search ...)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name in settings.PAGE_CACHE_URL_NAMES


def reduced_query(request):
    """The known query parameters in a fixed order; None when too long to be worth storing."""
    known = settings.PAGE_CACHE_QUERY_PARAMETERS
    pairs = [
        (name, value) for name in sorted(request.GET) if name in known for value in request.GET.getlist(name)
    ]
    query = urlencode(pairs)
    return query if len(query) <= MAX_QUERY_LENGTH else None


def response_encoding(request):
    """The Content-Encoding the compression middleware will choose for this request."""
    encoding, _compress, _stream = compressor(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    return encoding or "identity"


def page_key(request, query):
    material = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            query,
            response_encoding(request),
            timezone.localdate().isoformat(),
        ]
    )
    return "pagecache:page:" + hashlib.sha256(material.encode()).hexdigest()
