"""Every URL a visitor of the demo site reaches, for the checks that must hold on all of them.

Shared by the browser sweep (tests/browser/test_every_page.py: axe-core, reflow, zoom, requests),
the HTML validation (tests/test_html_validity.py) and the privacy checks (tests/test_privacy.py).
No browser is needed to import it.

The pages come from /sitemap.xml when the site serves one (a sitemap index is followed), joined
with every live public page in the database, so a page the sitemap forgets is still checked.
Added to them are the states a visitor reaches by filtering, searching or following a link that
no sitemap lists: filtered listings, an empty result, a tag page, an embeddable contact card,
the forms, a broken confirmation link and the 404 page. form_submissions() lists the states
behind the forms (errors, thanks) for the tests that can send them.
"""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from wagtail.models import Page

from contacts.models import ContactPersonPage, DirectoryPage, OrganisationPage
from news.models import NewsIndexPage, NewsPage

SITEMAP_PATH = "/sitemap.xml"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# More than the demo site will ever list; guards against a sitemap index that points at itself.
MAX_SITEMAPS = 20


@dataclass(frozen=True)
class Visit:
    """One URL to check.

    path: path and query on the site, e.g. "/aktuelles/?jahr=2019".
    status: the HTTP status a visitor gets there.
    optional: a feature that may not be built yet (e.g. the search): skipped when it answers 404.
    framed: the page has the portal frame (skip link, header with main navigation, footer);
        False for the contact card made for other sites' iframes.
    """

    path: str
    status: int = 200
    optional: bool = False
    framed: bool = True


def sitemap_paths(fetch):
    """Paths (with query) of every <loc> in /sitemap.xml, or None when the site has no sitemap.

    fetch(path) returns (status, body bytes). The sitemap's absolute URLs name the Site's host
    (127.0.0.1:8000 in the demo content); only their path and query are kept, so the caller can
    put them onto whichever server it talks to (live server, test client).
    """
    status, body = fetch(SITEMAP_PATH)
    if status == 404:
        return None
    assert status == 200, f"{SITEMAP_PATH} answered {status}"
    paths, queue, seen = [], [SITEMAP_PATH], set()
    while queue:
        sitemap = queue.pop(0)
        if sitemap in seen:
            continue
        seen.add(sitemap)
        assert len(seen) <= MAX_SITEMAPS, f"more than {MAX_SITEMAPS} sitemaps below {SITEMAP_PATH}"
        if sitemap != SITEMAP_PATH:
            status, body = fetch(sitemap)
            assert status == 200, f"sitemap {sitemap} answered {status}"
        root = ElementTree.fromstring(body)  # noqa: S314 (our own server's answer)
        locs = [_path_of(loc.text) for loc in root.iter(f"{SITEMAP_NS}loc")]
        if root.tag == f"{SITEMAP_NS}sitemapindex":
            queue.extend(locs)
        else:
            paths.extend(locs)
    return paths


def _path_of(url):
    parts = urlsplit(url.strip())
    return parts.path + (f"?{parts.query}" if parts.query else "")


def database_paths():
    """Paths of every live, public page below the tree root (what a sitemap should list)."""
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    return [url for url in (page.get_url() for page in pages) if url]


def reachable_states():
    """Listing states and other views a visitor reaches that are not pages of the tree."""
    states = []
    news_index = NewsIndexPage.objects.live().public().first()
    if news_index:
        states.append(Visit(f"{news_index.url}?jahr=2019"))
        news = NewsPage.objects.live().public().filter(fields_of_action__isnull=False).first()
        tag = news and news.fields_of_action.all().order_by("slug").first()
        if tag:
            states.append(Visit(news_index.url + news_index.reverse_subpage("tag", args=[tag.slug])))
    directory = DirectoryPage.objects.live().public().first()
    if directory:
        states += [
            Visit(f"{directory.url}?region=metropole-ruhr"),
            Visit(f"{directory.url}?q=zeppelin"),  # no organisation matches
        ]
        organisation = OrganisationPage.objects.live().public().filter(slug="business-metropole-ruhr").first()
        if organisation:
            # Reached from the filtered directory: offers "Zurück zur Auswahl".
            states.append(Visit(f"{organisation.url}?{urlencode({'auswahl': 'region=metropole-ruhr'})}"))
    for model in (ContactPersonPage, OrganisationPage):
        card = model.objects.live().public().order_by("path").first()
        if card:
            states.append(Visit(card.url + card.reverse_subpage("embed"), framed=False))
    states += [
        Visit("/newsletter-abo/anmelden/"),
        Visit("/newsletter-abo/abmelden/"),
        Visit("/newsletter-abo/bestaetigen/kein-gueltiger-link/", status=400),
        Visit("/barriere-melden/", optional=True),
        Visit("/suche/", optional=True),
        Visit("/suche/?q=Region", optional=True),
        Visit("/diese-seite-gibt-es-nicht/", status=404),
    ]
    return states


@dataclass(frozen=True)
class Submission:
    """A form sent by a visitor: the page that answers is a state of its own (errors, thanks)."""

    path: str
    data: dict
    status: int
    optional: bool = False  # skipped when the form's page answers 404 (not built yet)

    @property
    def label(self):
        return f"POST {self.path} {self.data}"


def form_submissions():
    """Each public form sent once with errors and once accepted."""
    return [
        Submission("/newsletter-abo/anmelden/", {"email": ""}, 400),
        Submission("/newsletter-abo/anmelden/", {"email": "leserin@example.org", "consent": "on"}, 200),
        Submission("/newsletter-abo/abmelden/", {"email": "keine-adresse"}, 400),
        Submission("/newsletter-abo/abmelden/", {"email": "leserin@example.org"}, 200),
        Submission("/barriere-melden/", {"message": ""}, 400, optional=True),
        Submission(
            "/barriere-melden/",
            {"message": "Das Video hat keine Untertitel.", "page_url": "/aktuelles/"},
            200,
            optional=True,
        ),
    ]


def collect_visits(fetch):
    """(visits, source): every URL to check, each once, and where the pages came from.

    fetch(path) returns (status, body bytes) for a GET of path on the server under test.
    """
    from_sitemap = sitemap_paths(fetch)
    source = (
        f"{SITEMAP_PATH} ({len(from_sitemap)} URLs) + database" if from_sitemap is not None else "database"
    )
    paths = list(dict.fromkeys((from_sitemap or []) + database_paths()))
    visits = [Visit(path) for path in paths]
    known = set(paths)
    visits += [visit for visit in reachable_states() if visit.path not in known]
    return visits, source
