"""The content generation: one value in the shared cache that every content change replaces.

A cached page is served only while the generation it was rendered under is still current, so a
publish in any process (web worker, job worker, another machine) invalidates every cached page at
once. The generation records when the content last changed, which answers ``Last-Modified``.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_generation():
    """A fresh, unique generation: the change time in seconds and a random suffix."""
    return f"{time.time():.6f}:{secrets.token_hex(4)}"


def changed_at(generation):
    """The time (seconds since the epoch) a generation was started."""
    return float(generation.split(":", 1)[0])


def bump_generation():
    """Start a new generation: every page cached so far is stale from now on, on every instance."""
    try:
        page_cache().set(GENERATION_KEY, new_generation(), None)
    except Exception:
        logger.exception("Page cache: could not start a new content generation")


def current_generation(known=None):
    """The current generation, started now if the cache has none (first start, eviction).

    ``known`` is a value already read together with a page (one round trip); None when the cache
    cannot be reached, so nothing is cached.
    """
    if known is not None:
        return known
    try:
        cache = page_cache()
        cache.add(GENERATION_KEY, new_generation(), None)
        return cache.get(GENERATION_KEY)
    except Exception:
        logger.exception("Page cache: cannot read the content generation")
        return None
