"""The client's IP address for django-axes, also behind reverse proxies we trust."""

from django.conf import settings


def client_ip_address(request):
    """The address the request came from, as seen by the outermost proxy we run.

    With TRUSTED_PROXY_COUNT = 0 that is REMOTE_ADDR. Behind N proxies that each append the address
    they saw to X-Forwarded-For, the client is the N-th entry from the right; entries further left
    were sent by the client and could be forged, so they are never used.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return forwarded[0] if forwarded else remote_addr
