"""Link report: check_links finds links in fields, rich text, blocks and inline objects, records what
a local test server answers, and the admin report shows the broken ones to those who edit their pages.

Offline: no name resolves except 127.0.0.1, so the demo content's external links fail like unknown hosts."""

import datetime
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from contacts.models import RegionContactPerson
from linkcheck.extract import PortalHosts, normalise
from linkcheck.models import Link
from tests.conftest import visible_text
from tests.factories import ContactPersonPageFactory, NewsPageFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5
DUESSELDORF = "region-duesseldorf-kreis-mettmann"
RUHR = "metropole-ruhr"


class LinkTargetHandler(BaseHTTPRequestHandler):
    """Answers by path: /ok, /umgezogen (301 to /ok), /nur-get (405 to HEAD), /langsam (slower than the
    timeout), /wechselhaft (the server's `flaky_status`); everything else 404."""

    def do_HEAD(self):
        self.respond()

    def do_GET(self):
        self.respond()

    def respond(self):
        self.server.requests.append((self.command, self.path))
        if self.path == "/langsam":
            time.sleep(TIMEOUT * 4)
        if self.path == "/umgezogen":
            status = 301
        elif self.path == "/nur-get":
            status = 405 if self.command == "HEAD" else 200
        elif self.path == "/wechselhaft":
            status = self.server.flaky_status
        else:
            status = 200 if self.path in ("/ok", "/langsam") else 404
        try:
            self.send_response(status)
            if status == 301:
                self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the link check gave up waiting for /langsam

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server():
    """A web server on 127.0.0.1 with the paths of LinkTargetHandler; `url(path)` builds its addresses."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), LinkTargetHandler)
    httpd.requests = []
    httpd.flaky_status = 200
    httpd.url = lambda path: f"http://127.0.0.1:{httpd.server_port}{path}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def closed_port():
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_links(*args):
    output = StringIO()
    call_command("check_links", "--timeout", str(TIMEOUT), *args, stdout=output)
    return output.getvalue()


def paragraph(*links):
    """A body with one text block holding the given (href or linktype attributes, text) links."""
    anchors = " ".join(f"<a {attributes}>{text}</a>" for attributes, text in links)
    return [("paragraph", f"<p>Siehe {anchors}.</p>")]


def href(url):
    return (f'href="{url}"', url)


def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def link(url):
    return Link.objects.get(url=url)


def occurrences(url):
    return {(occurrence.page_id, occurrence.field) for occurrence in link(url).occurrences.all()}


def test_external_links_record_status_or_error(server, demo_page):
    refused = f"http://127.0.0.1:{closed_port()}/"
    page = NewsPageFactory(
        parent=demo_page(RUHR),
        body=paragraph(
            *(href(server.url(path)) for path in ["/ok", "/fehlt", "/umgezogen", "/nur-get", "/langsam"]),
            href("http://gibt-es-nicht.invalid/seite"),
            href(refused),
            href("mailto:info@example.org"),
            href("tel:+492118995680"),
            href("#abschnitt"),
        ),
    )

    output = check_links()

    ok, missing, moved, get_only = (
        link(server.url(path)) for path in ["/ok", "/fehlt", "/umgezogen", "/nur-get"]
    )
    assert (ok.status_code, ok.is_broken, ok.kind) == (200, False, Link.Kind.EXTERNAL)
    assert ok.last_ok_at == ok.last_checked_at
    assert (missing.status_code, missing.error, missing.is_broken) == (404, "Nicht gefunden", True)
    assert missing.last_ok_at is None
    assert (moved.status_code, moved.is_broken) == (200, False)
    assert (get_only.status_code, get_only.is_broken) == (200, False)
    assert ("GET", "/nur-get") in server.requests
    assert link(server.url("/langsam")).error == "Zeitüberschreitung"
    assert link("http://gibt-es-nicht.invalid/seite").error == "Name nicht auflösbar (DNS)"
    assert link(refused).error == "Verbindung abgelehnt"
    assert not Link.objects.filter(url__startswith=("mailto:")).exists()
    assert not Link.objects.filter(url__startswith=("tel:")).exists()
    assert occurrences(server.url("/ok")) == {(page.pk, "Inhalt › Text")}
    assert "defekt: " + server.url("/fehlt") + " – 404 · Nicht gefunden, auf 1 Seite" in output
    assert f"defekt: {refused} – Verbindung abgelehnt" in output


def test_links_are_found_in_fields_blocks_and_inline_objects(server, demo_page):
    region = demo_page(DUESSELDORF)
    person = ContactPersonPageFactory(parent=region, website=server.url("/ok"))
    organisation = OrganisationPageFactory(
        parent=region,
        services=f'<p><a href="{server.url("/fehlt")}">Leistungen</a></p>',
        social_links=[("link", {"text": "Profil", "url": server.url("/umgezogen")})],
    )
    retired = ContactPersonPageFactory(parent=region, live=False)
    RegionContactPerson.objects.create(page=region, person=retired)

    check_links()

    assert occurrences(server.url("/ok")) == {(person.pk, "Website")}
    assert occurrences(server.url("/fehlt")) == {(organisation.pk, "Leistungen")}
    assert occurrences(server.url("/umgezogen")) == {
        (organisation.pk, "Social-Media-Profile › Link › Adresse (URL)")
    }
    assert occurrences(f"page:{retired.pk}") == {(region.pk, "Kontaktperson › Person")}
    assert link(f"page:{retired.pk}").error == "Seite ist nicht veröffentlicht"


def test_internal_links_are_checked_by_the_portal_itself(demo_page):
    region = demo_page(RUHR)
    draft = NewsPageFactory(parent=region, title="Entwurf", live=False)
    old_member = OrganisationPageFactory(parent=region, live=False)
    published = demo_page("aktuelles")
    page = NewsPageFactory(
        parent=region,
        author=ContactPersonPageFactory(parent=region, live=False),
        body=paragraph(
            (f'linktype="page" id="{draft.pk}"', "Entwurf"),
            (f'linktype="page" id="{published.pk}"', "Aktuelles"),
            (f'linktype="document" id="{999999}"', "Gelöschtes Dokument"),
            href("/gibt-es-nicht/"),
            href("/aktuelles/"),
            href("http://127.0.0.1:8000/aktuelles/#neu"),
        ),
    )
    organisation = OrganisationPageFactory(
        parent=region,
        supervisory_body=[("member", {"office": "Vorsitz", "organisation": old_member})],
    )

    check_links("--internal-only")

    unpublished = link(f"page:{draft.pk}")
    assert (unpublished.kind, unpublished.error, unpublished.label) == (
        Link.Kind.INTERNAL,
        "Seite ist nicht veröffentlicht",
        "Seite „Entwurf“",
    )
    assert not link(f"page:{published.pk}").is_broken
    assert link("document:999999").error == "Dokument existiert nicht mehr"
    not_found = link("http://127.0.0.1:8000/gibt-es-nicht/")
    assert (not_found.kind, not_found.status_code, not_found.is_broken) == (Link.Kind.INTERNAL, 404, True)
    assert occurrences("http://127.0.0.1:8000/aktuelles/") == {(page.pk, "Inhalt › Text")}
    assert link("http://127.0.0.1:8000/aktuelles/").status_code == 200
    assert occurrences(f"page:{page.author_id}") == {(page.pk, "Autorin oder Autor")}
    assert occurrences(f"page:{old_member.pk}") == {
        (organisation.pk, "Aufsichtsgremium › Mitglied › Organisation")
    }
    assert not Link.objects.filter(url=f"page:{region.pk}").exists()  # chosen live pages are no links


def test_a_failing_link_keeps_when_it_last_worked(server, demo_page):
    url = server.url("/wechselhaft")
    NewsPageFactory(parent=demo_page(RUHR), body=paragraph(href(url)))
    first_day = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)

    with time_machine.travel(first_day):
        check_links()
    worked_at = link(url).last_ok_at
    assert worked_at.date() == first_day.date()

    server.flaky_status = 500
    with time_machine.travel(first_day + datetime.timedelta(days=1)):
        check_links()
    with time_machine.travel(first_day + datetime.timedelta(days=2)):
        check_links()
    failing = link(url)
    assert (failing.status_code, failing.error, failing.last_ok_at) == (500, "Serverfehler", worked_at)
    assert failing.failing_since.date() == datetime.date(2025, 3, 4)
    assert failing.last_checked_at.date() == datetime.date(2025, 3, 5)

    server.flaky_status = 200
    with time_machine.travel(first_day + datetime.timedelta(days=3)):
        check_links()
    repaired = link(url)
    assert (repaired.is_broken, repaired.last_ok_at.date()) == (False, datetime.date(2025, 3, 6))


def test_each_address_is_requested_once_per_run(server, demo_page):
    url = server.url("/ok")
    first = NewsPageFactory(parent=demo_page(RUHR), body=paragraph(href(url)))
    second = ContactPersonPageFactory(parent=demo_page(DUESSELDORF), website=url)

    check_links()

    assert server.requests.count(("HEAD", "/ok")) == 1
    assert occurrences(url) == {(first.pk, "Inhalt › Text"), (second.pk, "Website")}


def test_removed_links_and_unpublished_pages_drop_out(server, demo_page):
    page = NewsPageFactory(parent=demo_page(RUHR), body=paragraph(href(server.url("/fehlt"))))
    other = ContactPersonPageFactory(parent=demo_page(RUHR), website=server.url("/ok"))
    check_links()
    assert Link.objects.filter(url=server.url("/fehlt")).exists()

    page.body = paragraph(href(server.url("/ok")))
    page.save()
    other.unpublish()
    check_links()

    assert not Link.objects.filter(url=server.url("/fehlt")).exists()
    assert occurrences(server.url("/ok")) == {(page.pk, "Inhalt › Text")}


@pytest.fixture
def broken_in_two_regions(server, demo_page):
    """Checked news items in Düsseldorf and Ruhr, each with a broken link: /d and /r on the test server."""
    NewsPageFactory(parent=demo_page(DUESSELDORF), title="Meldung D", body=paragraph(href(server.url("/d"))))
    news = NewsPageFactory(parent=demo_page(RUHR), title="Meldung R", body=paragraph(href(server.url("/r"))))
    check_links()
    return server, news


def test_report_lists_broken_links_with_their_pages(admin_client, broken_in_two_regions, demo_page):
    url = reverse("linkcheck_broken_links")
    server, news = broken_in_two_regions

    response = admin_client.get(url)

    text = visible_text(response)
    assert response.status_code == 200
    assert "Defekte Links" in text
    assert server.url("/d") in text and server.url("/r") in text
    assert "404 · Nicht gefunden" in text
    assert "Meldung R" in text and "(Inhalt › Text)" in text
    assert reverse("wagtailadmin_pages:edit", args=[news.pk]) in text

    in_ruhr = visible_text(admin_client.get(url, {"region": demo_page(RUHR).pk}))
    assert server.url("/r") in in_ruhr and server.url("/d") not in in_ruhr
    internal = visible_text(admin_client.get(url, {"kind": "internal"}))
    assert server.url("/r") not in internal

    export = admin_client.get(url, {"export": "csv", "region": demo_page(RUHR).pk})
    csv = b"".join(export.streaming_content).decode()
    assert csv.splitlines()[0].startswith("Adresse,Ziel,Art,Ergebnis")
    row = next(line for line in csv.splitlines() if line.startswith(server.url("/r")))
    assert row.startswith(f"{server.url('/r')},,Extern,404 · Nicht gefunden,")
    assert re.search(r",\d\d\.\d\d\.\d{4} \d\d:\d\d,", row)  # local time, German notation
    assert "Meldung R (Inhalt › Text)" in csv and server.url("/d") not in csv


def test_regional_editor_sees_only_their_regions_links(client, django_user_model, broken_in_two_regions):
    server, _ = broken_in_two_regions
    client.force_login(django_user_model.objects.get(username="redaktion-ruhr"))  # demo role

    response = client.get(reverse("linkcheck_broken_links"))

    text = visible_text(response)
    assert response.status_code == 200
    assert server.url("/r") in text
    assert server.url("/d") not in text
    assert "Meldung D" not in text
    assert reverse("linkcheck_broken_links") in visible_text(client.get(reverse("wagtailadmin_home")))


def test_report_needs_page_permissions(client, django_user_model):
    user = django_user_model.objects.create_user("leser", password="geheim-123")
    user.user_permissions.add(admin_access())
    client.force_login(user)

    assert client.get(reverse("linkcheck_broken_links")).status_code == 403


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("HTTPS://Example.ORG:443/a?b=1#teil", "https://example.org/a?b=1"),
        ("/aktuelles/#neu", "http://127.0.0.1:8000/aktuelles/"),
        ("termine/", "http://127.0.0.1:8000/region/termine/"),
        ("//example.org", "http://example.org/"),
        ("mailto:info@example.org", None),
        ("#oben", None),
        ("http://[::1/", None),
    ],
)
def test_addresses_are_normalised(href, expected):
    assert normalise(href, "http://127.0.0.1:8000/region/") == expected


def test_addresses_of_the_portal_sites_are_internal():
    hosts = PortalHosts([("127.0.0.1", 8000), ("regionen.nrw.example", 80)])

    assert hosts.is_internal("http://127.0.0.1:8000/aktuelles/")
    assert hosts.is_internal("https://regionen.nrw.example/")  # https behind a proxy
    assert not hosts.is_internal("http://127.0.0.1:9000/")
    assert not hosts.is_internal("https://example.org/")


def test_links_into_the_servers_own_network_are_not_fetched(server, demo_page, settings):
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = False
    NewsPageFactory(parent=demo_page(RUHR), body=paragraph(href(server.url("/ok"))))

    check_links()

    assert link(server.url("/ok")).error == "Adresse im internen Netz – nicht abgerufen"
    assert server.requests == []
