"""Checks one link target: pages and documents in the database, internal addresses inside this process,
external ones over HTTP. A failed request comes back as a CheckResult with a German error text."""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.test import Client
from urllib3.exceptions import NameResolutionError, ReadTimeoutError
from wagtail.documents import get_document_model
from wagtail.models import Page

from linkcheck.extract import DOCUMENT_PREFIX, PAGE_PREFIX

DEFAULT_TIMEOUT = 10  # seconds; settings.LINKCHECK_TIMEOUT overrides it
MAX_REDIRECTS = 5
USER_AGENT = "regionportal-linkcheck/1.0 (Linkpruefung des Portals regionen.NRW)"
# Some servers refuse HEAD (or robots asking with it); those get a second chance with GET.
RETRY_WITH_GET = {403, 405, 501}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}

TIMEOUT = "Zeitüberschreitung"
DNS_FAILURE = "Name nicht auflösbar (DNS)"
CONNECTION_REFUSED = "Verbindung abgelehnt"
TOO_MANY_REDIRECTS = "Zu viele Weiterleitungen"
PRIVATE_ADDRESS = "Adresse im internen Netz – nicht abgerufen"
NOT_WEB_ADDRESS = "Keine Web-Adresse (nur http und https werden geprüft)"
STATUS_TEXTS = {
    400: "Ungültige Anfrage",
    401: "Anmeldung erforderlich",
    403: "Zugriff verweigert",
    404: "Nicht gefunden",
    405: "Methode nicht erlaubt",
    410: "Entfernt",
    429: "Zu viele Anfragen",
    500: "Serverfehler",
    502: "Fehlerhaftes Gateway",
    503: "Dienst nicht verfügbar",
    504: "Gateway-Zeitüberschreitung",
}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check; `label` names a linked page or document."""

    ok: bool
    status_code: int | None = None
    error: str = ""
    label: str = ""


def default_timeout():
    return getattr(settings, "LINKCHECK_TIMEOUT", DEFAULT_TIMEOUT)


def http_result(status_code):
    """A final HTTP status (after redirects): 2xx is fine, anything else is reported with its meaning."""
    if 200 <= status_code < 300:
        return CheckResult(ok=True, status_code=status_code)
    error = STATUS_TEXTS.get(status_code, "Fehlerhafte Antwort")
    return CheckResult(ok=False, status_code=status_code, error=error)


def causes(exc):
    """The exception with everything it wraps (causes, contexts, urllib3 reasons and arguments)."""
    found, pending = [], [exc]
    while pending:
        item = pending.pop()
        if isinstance(item, BaseException) and not any(item is seen for seen in found):
            found.append(item)
            pending.extend([item.__cause__, item.__context__, getattr(item, "reason", None), *item.args])
    return found


def describe_error(exc):
    """A German description of a failed request, e.g. "Zeitüberschreitung"."""
    if isinstance(exc, requests.Timeout):
        return TIMEOUT
    if isinstance(exc, requests.exceptions.SSLError):
        return "Zertifikats- oder TLS-Fehler"
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return "Ungültige Adresse"
    found = causes(exc)
    if any(isinstance(item, NameResolutionError | socket.gaierror) for item in found):
        return DNS_FAILURE
    if any(isinstance(item, ConnectionRefusedError) for item in found):
        return CONNECTION_REFUSED
    if any(isinstance(item, ReadTimeoutError | TimeoutError) for item in found):
        return TIMEOUT
    if isinstance(exc, requests.ConnectionError):
        return "Verbindung fehlgeschlagen"
    return f"Fehler bei der Anfrage ({type(exc).__name__})"


def in_private_network(url):
    """True when the host resolves to a loopback, private, link-local or otherwise non-public address.

    Editors' links are fetched from the server, so they must not reach into its own network. A name
    that does not resolve is left to the request, which then reports the DNS failure.
    """
    try:
        addresses = socket.getaddrinfo(urlsplit(url).hostname, None)
    except (socket.gaierror, UnicodeError, ValueError):
        return False
    return any(not ipaddress.ip_address(address[4][0].split("%")[0]).is_global for address in addresses)


def check_external(url, timeout):
    """HEAD the address (GET without reading the body if HEAD is refused), following redirects by hand
    so that no hop leads into the server's own network."""
    allow_private = getattr(settings, "LINKCHECK_ALLOW_PRIVATE_ADDRESSES", False)
    try:
        with requests.Session() as session:
            session.headers["User-Agent"] = USER_AGENT
            for _ in range(MAX_REDIRECTS + 1):
                if urlsplit(url).scheme not in ("http", "https"):
                    return CheckResult(ok=False, error=NOT_WEB_ADDRESS)
                if not allow_private and in_private_network(url):
                    return CheckResult(ok=False, error=PRIVATE_ADDRESS)
                response = session.head(url, timeout=timeout, allow_redirects=False)
                if response.status_code in RETRY_WITH_GET:
                    response = session.get(url, timeout=timeout, allow_redirects=False, stream=True)
                    response.close()  # the status is enough; the body is never read
                if response.status_code not in REDIRECT_STATUSES or "Location" not in response.headers:
                    return http_result(response.status_code)
                url = urljoin(url, response.headers["Location"])
    except requests.RequestException as exc:
        return CheckResult(ok=False, error=describe_error(exc))
    return CheckResult(ok=False, error=TOO_MANY_REDIRECTS)


def check_internal(url, hosts, timeout):
    """Request a portal address inside this process, so the real routing and templates decide."""
    client = Client(raise_request_exception=False, headers={"user-agent": USER_AGENT})
    for _ in range(MAX_REDIRECTS + 1):
        if not hosts.is_internal(url):
            return check_external(url, timeout)  # a redirect that leaves the portal
        parts = urlsplit(url)
        response = client.get(
            urlunsplit(("", "", parts.path, parts.query, "")),
            secure=parts.scheme == "https",
            HTTP_HOST=parts.netloc,
        )
        if response.status_code not in REDIRECT_STATUSES or not response.has_header("Location"):
            return http_result(response.status_code)
        url = urljoin(url, response["Location"])
    return CheckResult(ok=False, error=TOO_MANY_REDIRECTS)


def check_page(page_id):
    """A linked page must exist, be published and be visible without logging in."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return CheckResult(ok=False, error="Seite existiert nicht mehr", label=f"Seite Nr. {page_id}")
    label = f"Seite „{page.title}“"
    if not page.live:
        return CheckResult(ok=False, error="Seite ist nicht veröffentlicht", label=label)
    if page.get_view_restrictions().exists():
        return CheckResult(ok=False, error="Seite ist nicht öffentlich zugänglich", label=label)
    return CheckResult(ok=True, label=label)


def check_document(document_id):
    """A linked document must exist, and so must its file."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        label = f"Dokument Nr. {document_id}"
        return CheckResult(ok=False, error="Dokument existiert nicht mehr", label=label)
    label = f"Dokument „{document.title}“"
    if not document.file.storage.exists(document.file.name):
        return CheckResult(ok=False, error="Datei des Dokuments fehlt", label=label)
    return CheckResult(ok=True, label=label)


def check_target(url, hosts, timeout):
    """Check an internal target by its kind: page, document or portal address."""
    if url.startswith(PAGE_PREFIX):
        return check_page(url.removeprefix(PAGE_PREFIX))
    if url.startswith(DOCUMENT_PREFIX):
        return check_document(url.removeprefix(DOCUMENT_PREFIX))
    return check_internal(url, hosts, timeout)
