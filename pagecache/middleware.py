"""Whole public pages from the shared cache for anonymous visitors, with HTTP validators.

Sits below WhiteNoise and ConditionalGetMiddleware and above everything that builds the response
(compression, CSP, sessions ...), so a stored response carries its final headers and body and a
hit costs one cache round trip. Conditional requests answer 304 through ConditionalGetMiddleware
from the ETag and Last-Modified set here.
"""

import hashlib
import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import http_date

from pagecache.generation import GENERATION_KEY, changed_at, current_generation, page_cache
from pagecache.keys import is_anonymous, is_public_view, page_key, reduced_query

logger = logging.getLogger(__name__)

# Set per request, never stored.
STATUS_HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_public_view(request):
            return self.get_response(request)
        if not is_anonymous(request):
            response = self.get_response(request)
            add_never_cache_headers(response)  # editors' pages never land in a browser or proxy cache
            return response
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)

        query = reduced_query(request)
        if query is None:
            response = self.get_response(request)
            response[STATUS_HEADER] = "bypass"
            return response
        key = page_key(request, query)
        entry, generation = self.lookup(key)
        if entry is not None:
            response = HttpResponse(entry["body"], status=entry["status"], headers=entry["headers"])
            response[STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if generation is not None and self.storable(response):
            add_validators(response, generation)
            self.store(key, generation, response)
            response[STATUS_HEADER] = "miss"
        return response

    def lookup(self, key):
        """The stored entry if it belongs to the current generation, and that generation.

        A cache that cannot be reached is a miss, never an error page.
        """
        try:
            found = page_cache().get_many([GENERATION_KEY, key])
        except Exception:
            logger.exception("Page cache: lookup failed, rendering the page")
            return None, None
        generation = current_generation(found.get(GENERATION_KEY))
        entry = found.get(key)
        if entry is not None and entry.get("generation") == generation:
            return entry, generation
        return None, generation

    def storable(self, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )

    def store(self, key, generation, response):
        entry = {
            "generation": generation,
            "status": response.status_code,
            "headers": dict(response.items()),
            "body": response.content,
        }
        try:
            page_cache().set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Page cache: could not store a page")


def add_validators(response, generation):
    """ETag of the bytes sent, Last-Modified of the last content change, revalidate every time.

    Browsers and proxies may keep the page but must ask again (a 304 costs no rendering); a shared
    cache may hold it for PAGE_CACHE_SHARED_MAX_AGE seconds once it is purged on publish.
    """
    digest = hashlib.sha256(response.content).hexdigest()[:32]
    response["ETag"] = f'"{digest}"'  # of these very bytes, so strong even when compressed
    response["Last-Modified"] = http_date(int(changed_at(generation)))
    patch_cache_control(response, max_age=0, must_revalidate=True)
    if settings.PAGE_CACHE_SHARED_MAX_AGE:
        patch_cache_control(response, public=True, s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE)
