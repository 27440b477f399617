"""Every page type renders the seed facts a reader must see, and the whole tree renders cleanly."""

import pytest

from tests.conftest import live_pages, parse_tags, visible_text

pytestmark = pytest.mark.django_db

SEED_FACTS = {
    "": [
        "regionen.NRW",
        "Region Düsseldorf – Kreis Mettmann",
        "Bergisches Städtedreieck",
        "Metropole Ruhr",
        "Schmiede für Urbane Manufakturen in Remscheid",
        "mehr lesen",
    ],
    "region-duesseldorf-kreis-mettmann": [
        "Region Düsseldorf – Kreis Mettmann",
        "zehn kreisangehörigen Städten",
        "> 1 Mio.",
        "> 70.000",
        "11,6 Mio.",
        "ca. 500.000",
        "Metropolregion Rheinland",
        "Life Sciences und der Stahlforschung",
        "Expat-Ziele",
        "Lotsenfunktion",
        "Paul Stertz",
        "Regionalmanagement Düsseldorf – Kreis Mettmann",
        "Landeshauptstadt Düsseldorf",
        "Industrie- und Handelskammer zu Düsseldorf",
        "IMPULS REGION",
        "Schmiede für Urbane Manufakturen in Remscheid",
        "07.04.2022",
        "Innovationsförderung",
    ],
    "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann": [
        "jüngste der neun institutionalisierten Regionalmanagements",
        "c/o Landeshauptstadt Düsseldorf",
        "Dezernat für Recht, Ordnung und Wohnen",
        "Willi-Becker-Allee 6-8",
        "40227 Düsseldorf",
        "regionalmanagement@duesseldorf.de",
        "regionalmanagement-d-me.de",
        "0211 8995680",
        "Oberbürgermeister der Landeshauptstadt Düsseldorf",
        "Landrat des Kreises Mettmann",
        "Hauptgeschäftsführer der Industrie- und Handelskammer zu Düsseldorf",
        "EFRE-Strukturfonds",
        "Verbund regionen.NRW",
        "Dr. Kai Büter",
        "Paul Stertz",
        "Zurück zur Auswahl",
    ],
    "region-duesseldorf-kreis-mettmann/dr-kai-bueter": [
        "Dr. Kai Büter",
        "Auf'm Hennekamp 45",
        "40225 Düsseldorf",
        "0211 8996712",
        "kai.bueter@duesseldorf.de",
        "Regionalmanagement Düsseldorf – Kreis Mettmann",
    ],
    "region-duesseldorf-kreis-mettmann/paul-stertz": [
        "Paul Stertz",
        "Auf'm Hennekamp 45",
        "Paul.stertz@duesseldorf.de",
    ],
    "region-duesseldorf-kreis-mettmann/impuls-region-landeshauptstadtregion": [
        "IMPULS REGION",
        "landeshauptSTADTREGION",
        "integrierten Regionalentwicklungsstrategie",
        "stadtland IMPULS",
        "Rhein-Kreis Neuss",
        "Kreis Mettmann",
        "Limitierte Flächen und Ressourcen",
        "Multicodierung von Flächen",
        "Vertikale Nachverdichtung",
        "Kreislauforientierte Produktion",
        "Impuls-Werkstätten der landeshauptSTADTREGION",
    ],
    "region-duesseldorf-kreis-mettmann/werkstatt-verfahren-regionale-sondierungsprozess-landeshauptstadtregion": [  # noqa: E501
        "Werkstatt-Verfahren im REGIONALE-Sondierungsprozess",
        "Rhein-Kreis Neuss und die IHK Düsseldorf",
        "am 24. und 31. März",
        "31.03.2022",
        "IMPULS REGION",
    ],
    "region-duesseldorf-kreis-mettmann/impuls-werkstaetten-landeshauptstadtregion": [
        "24.03.2022",
        "31.03.2022",
        "Regionalmanagement Düsseldorf – Kreis Mettmann",
    ],
    "bergisches-staedtedreieck": ["Wuppertal, Solingen und", "Schmiede für Urbane Manufakturen"],
    "bergisches-staedtedreieck/schmiede-fuer-urbane-manufakturen-in-remscheid": [
        "Schmiede für Urbane Manufakturen in Remscheid",
        "07.04.2022",
        "Bergisches Städtedreieck",
        "vitales Netz von urbanen Produktionen",
    ],
    "metropole-ruhr": ["Business Metropole Ruhr", "Rasmus C. Beck", "Kraftwerksflächen neu nutzen"],
    "metropole-ruhr/business-metropole-ruhr": [
        "Business Metropole Ruhr GmbH",
        "Am Thyssenhaus 1-3",
        "45128 Essen",
        "0201 6324880",
        "info@business.ruhr",
        "business.ruhr",
        "Rasmus C. Beck",
    ],
    "metropole-ruhr/rasmus-c-beck": ["Rasmus C. Beck", "Vorsitzender der Geschäftsführung"],
    "newsletter": ["Newsletter Business Metropole Ruhr", "01.11.2019", "Newsletter bestellen"],
    "newsletter/business-metropole-ruhr-november-2019": [
        "Liebe Leserin, lieber Leser,",
        "NRW.Bank",
        "Ruhrkonferenz",
        "74 Projektideen",
        "22 Hochschulen",
        "Wirtschaftsblog von Unternehmer NRW",
        "Herzliche Grüße",
        "Rasmus C. Beck",
        "Vorsitzender der Geschäftsführung",
        "Die Zukunft im Pflegeheim wird digitaler",
        "Ruhr-Israel Cyber Activator gestartet",
        "Kraftwerksflächen neu nutzen",
        "Chancenregion Ruhrgebiet braucht Wachstumskurs",
        "Weiterlesen…",
        "Regionale Kooperation in der Flächenentwicklung",
        "Förderscout Roadshow",
        "(R)UHRZEIT ZUKUNFT",
        "Summit Umweltwirtschaft.NRW",
        "Am Thyssenhaus 1-3",
        "45128 Essen",
        "0201 6324880",
        "info@business.ruhr",
    ],
    "metropole-ruhr/die-zukunft-im-pflegeheim-wird-digitaler": [
        "Chris Rameckers",
        "Qwiek",
        "Fraunhofer-inHaus-Zentrums in Duisburg",
    ],
    "metropole-ruhr/foerderscout-roadshow": [
        "19.11.2019",
        "Duisburg",
        "27.11.2019",
        "Hamm",
        "04.12.2019",
        "Hattingen",
        "Projekt Förderscout",
    ],
    "metropole-ruhr/ruhrzeit-zukunft": [
        "18.11.2019",
        "Jahrhunderthaus",
        "Bochum",
        "Friedrich-Ebert-Stiftung",
    ],
    "metropole-ruhr/summit-umweltwirtschaft-nrw": ["10.12.2019", "11.12.2019", "Messe Essen", "400"],
    "metropole-ruhr/regionale-kooperation-in-der-flaechenentwicklung": [
        "21.11.2019",
        "Business Metropole Ruhr",
    ],
    "aktuelles": [
        "Schmiede für Urbane Manufakturen in Remscheid",
        "Ruhr-Israel Cyber Activator gestartet",
        "Weiterlesen…",
    ],
    "veranstaltungen": ["Förderscout Roadshow", "Summit Umweltwirtschaft.NRW", "Vergangene Veranstaltungen"],
    "partnerverzeichnis": [
        "Düsseldorf",
        "Regionalmanagement Düsseldorf – Kreis Mettmann",
        "Business Metropole Ruhr",
        "stadtland IMPULS",
        "Ministeriums für Wirtschaft, Innovation, Digitalisierung und Energie",
    ],
    "ansprechpersonen": ["Dr. Kai Büter", "Paul Stertz", "Rasmus C. Beck"],
    "impressum": ["Impressum", "§ 5 DDG"],
    "barrierefreiheit": ["Erklärung zur Barrierefreiheit", "teilweise vereinbar", "Ombudsstelle"],
    "datenschutz": ["Datenschutzerklärung", "Verantwortliche Stelle", "Ihre Rechte"],
    "leichte-sprache": ["Leichte Sprache", "Regional·management"],
    "gebaerdensprache": ["Gebärdensprache", "Platzhalter", "Text zum Video"],
}


@pytest.mark.parametrize("path", SEED_FACTS)
def test_page_shows_its_seed_facts(client, demo_page, path):
    response = client.get(demo_page(path).url)

    assert response.status_code == 200
    text = visible_text(response)
    missing = [fact for fact in SEED_FACTS[path] if fact not in text]
    assert not missing, f"{path or 'home'} lacks {missing}"


def test_every_page_type_has_a_seed_fact_test():
    from wagtail.models import get_page_models

    rendered_types = {
        type(page).__name__
        for page in live_pages()
        if any(page.url_path.rstrip("/").endswith(path) for path in SEED_FACTS if path)
    }
    portal_types = {model.__name__ for model in get_page_models() if model._meta.app_label != "wagtailcore"}
    assert portal_types - rendered_types <= {"HomePage"}


def test_every_live_page_renders_as_one_accessible_document(client, db):
    for page in live_pages():
        response = client.get(page.url)
        assert response.status_code == 200, page.url_path
        tags = parse_tags(response)
        assert len(tags.find("h1")) == 1, f"{page.url_path} needs exactly one h1"
        assert len(tags.find("main")) == 1, page.url_path
        assert tags.find("html")[0].get("lang") == "de"
        first_link = tags.find("a")[0]
        assert first_link["href"] == "#inhalt", f"{page.url_path}: skip link must come first"


def test_public_pages_are_cacheable_for_anonymous_visitors(client, db):
    for page in live_pages():
        response = client.get(page.url)
        assert not response.cookies, f"{page.url_path} sets a cookie"
        assert "csrfmiddlewaretoken" not in response.content.decode(), page.url_path


def test_pages_load_nothing_from_other_hosts(client, db):
    for page in live_pages():
        tags = parse_tags(client.get(page.url))
        sources = [
            attrs.get("src", "") for attrs in tags.find("script") + tags.find("img") + tags.find("iframe")
        ]
        sources += [attrs.get("href", "") for attrs in tags.find("link") if attrs.get("rel") != "canonical"]
        external = [url for url in sources if url.startswith(("http://", "https://", "//"))]
        assert not external, f"{page.url_path} loads {external}"


def test_footer_links_to_the_legal_pages(client, demo_page):
    text = visible_text(client.get("/"))
    for path in ("impressum", "datenschutz", "barrierefreiheit"):
        assert f'href="{demo_page(path).url}"' in text


def test_unknown_url_gives_the_sites_404_page(client, db):
    response = client.get("/diese-seite-gibt-es-nicht/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in visible_text(response)
    assert len(parse_tags(response).find("h1")) == 1
