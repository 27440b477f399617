"""The lean static assets: subset fonts and the trimmed KERN stylesheet still serve every page.

* Every character a reader sees on any page the demo site reaches (tests/browser/visits.py: all
  live pages, listing states, search results, the forms after sending them, the 404 page) and
  every character our stylesheets insert with `content` is in each shipped Fira Sans subset.
* Every kern-… class in that HTML has a rule in the shipped kern.min.css, every portal-… class
  one in portal.css (or is a hook named in HOOKS).
* tools/trim_kern_css.py and tools/subset_fonts.py regenerate exactly the shipped files from
  the full builds in assets/: nobody edited them by hand, and no template uses a class the
  trimmed CSS lacks (`make kern-css`, `make fonts`).
* The shipped files stay within their size budgets.
"""

import gzip
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tinycss2
from django.conf import settings
from django.db import transaction
from django.test import Client
from fontTools.ttLib import TTFont

from tests.browser.visits import collect_visits, form_submissions
from tests.conftest import parse_tags
from tools import subset_fonts, trim_kern_css

STATIC = Path(settings.BASE_DIR) / "static"
KERN_CSS = STATIC / "vendor/kern/kern.min.css"
PORTAL_CSS = STATIC / "css/portal.css"
FONT_FILES = [subset_fonts.OUTPUT_DIR / face.file for face in subset_fonts.FACES]

# Budgets in bytes, a little above what the scripts produce today (fonts 19–21 KB; KERN 80 KB,
# 9.6 KB gzipped). The full builds were 129–140 KB per font and 340 KB (35 KB gzipped).
FONT_BUDGET = 24_000
KERN_CSS_BUDGET = 88_000
KERN_CSS_GZIP_BUDGET = 11_000

# portal-… classes without a rule of their own, on purpose: they name a block for readers of the
# markup, and the rules sit on the block's elements or on a class beside it.
HOOKS = {
    "portal-accessible-versions": "the rules are on its __list and __link",
    "portal-card-tools": "the rules are on its __grid and __qr",
    "portal-feeds": "portal-box beside it styles the box of feed links",
}

# Elements whose text a reader does not see in the page's font.
HIDDEN = {"head", "script", "style", "template", "svg"}


class PageText(HTMLParser):
    """The text a reader sees (text nodes, button labels, placeholders) and all class names."""

    def __init__(self):
        super().__init__()
        self.text, self.classes, self.open = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        if tag in HIDDEN:
            self.open.append(tag)
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            self.text.append(attrs.get("value") or "")
        if attrs.get("placeholder"):
            self.text.append(attrs["placeholder"])

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if not self.open:
            self.text.append(data)


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """{label: PageText} of every document a visitor reaches, rendered once for this module.

    The forms are really sent (newsletter subscriptions, a barrier report): everything happens in
    a transaction that is rolled back, so the other tests see the demo content unchanged.
    """
    client = Client()
    documents = {}
    with django_db_blocker.unblock(), transaction.atomic():

        def fetch(path):
            response = client.get(path)
            return response.status_code, response.content

        visits, _source = collect_visits(fetch)
        responses = [(visit.path, visit, client.get(visit.path)) for visit in visits]
        for submission in form_submissions():
            responses.append((submission.label, submission, client.post(submission.path, submission.data)))
        transaction.set_rollback(True)

    for label, visit, response in responses:
        if visit.optional and response.status_code == 404:
            continue
        assert response.status_code == visit.status, f"{label}: {response.status_code}"
        parser = PageText()
        parser.feed(response.content.decode())
        documents[label] = parser
    assert "/diese-seite-gibt-es-nicht/" in documents and "/suche/?q=Region" in documents
    return documents


def cmap(path):
    return set(TTFont(path).getBestCmap())


def stylesheet_rules(path):
    """Style rules (prelude, content) of a stylesheet, also those inside @media and the like."""
    pending = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), True, True)
    while pending:
        rule = pending.pop(0)
        if rule.type == "qualified-rule":
            yield rule
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword != "keyframes":
            pending[:0] = tinycss2.parse_rule_list(rule.content, True, True)


def selector_classes(path):
    """Every class a selector of the stylesheet names, also inside :is(), :not() or :has()."""

    def classes(tokens):
        previous = None
        for token in tokens:
            if (
                token.type == "ident"
                and getattr(previous, "value", None) == "."
                and previous.type == "literal"
            ):
                yield token.value
            elif token.type == "function":
                yield from classes(token.arguments)
            previous = token

    return {name for rule in stylesheet_rules(path) for name in classes(rule.prelude)}


def generated_text(path):
    """The strings a stylesheet inserts with `content` (e.g. the "·" between date and kind)."""
    return [
        token.value
        for rule in stylesheet_rules(path)
        for declaration in tinycss2.parse_blocks_contents(rule.content, True, True)
        if declaration.type == "declaration" and declaration.lower_name == "content"
        for token in declaration.value
        if token.type == "string"
    ]


def uncovered(texts, font):
    """{character: where it occurs} for the visible characters font has no glyph for."""
    missing = {}
    for where, text in texts:
        for char in set(text):
            if unicodedata.category(char) != "Cc" and ord(char) not in font:
                missing.setdefault(f"U+{ord(char):04X} {unicodedata.name(char, '?')} {char!r}", where)
    return missing


# ---------- fonts ----------


@pytest.mark.parametrize("font_file", FONT_FILES, ids=lambda path: path.name)
def test_every_character_on_the_pages_is_in_the_font(pages, font_file):
    texts = [(label, "".join(page.text)) for label, page in pages.items()]
    assert sum(len(text) for _label, text in texts) > 10_000, "too little text: is the demo content loaded?"

    missing = uncovered(texts, cmap(font_file))

    assert not missing, f"{font_file.name} lacks glyphs (add them in tools/subset_fonts.py): {missing}"


@pytest.mark.parametrize("font_file", FONT_FILES, ids=lambda path: path.name)
def test_characters_the_stylesheets_insert_are_in_the_font(font_file):
    texts = [(path.name, text) for path in (PORTAL_CSS, KERN_CSS) for text in generated_text(path)]
    assert any("·" in text for _name, text in texts), "the checker found no content strings"

    assert not uncovered(texts, cmap(font_file))


def test_the_subsets_cover_german_and_english_text():
    sample = "„Grüße“ – “quotes” ‘single’ ‚einfach‘ «guillemets» ‹› … • € © ® ™ § ° ² ³ ½ × · ß ÄÖÜ Łódź Ő"
    for font_file in FONT_FILES:
        assert not uncovered([("sample", sample + "\u00a0\u00ad→←↑↓")], cmap(font_file)), font_file.name


def test_font_faces_declare_swap_and_the_subsets_unicode_range():
    css = subset_fonts.CSS_FILE.read_text(encoding="utf-8")
    faces = css.split("@font-face")[1:]

    assert len(faces) == len(subset_fonts.FACES)
    for face, font_file in zip(faces, FONT_FILES, strict=True):
        assert font_file.name in face
        assert "font-display: swap;" in face
        assert f"unicode-range: {subset_fonts.unicode_range(cmap(font_file))};" in face


@pytest.mark.django_db
def test_base_template_preloads_the_first_view_fonts(client):
    links = parse_tags(client.get("/")).find("link")
    preloads = [link for link in links if link.get("rel") == "preload" and link.get("as") == "font"]

    # Body text and h1 (weight 500 falls back to Regular), navigation and h2 (SemiBold).
    assert [Path(link["href"]).name for link in preloads] == [
        "FiraSans-Regular.woff2",
        "FiraSans-SemiBold.woff2",
    ]
    assert all(link.get("type") == "font/woff2" and "crossorigin" in link for link in preloads)


# ---------- classes ----------


def test_every_kern_class_on_the_pages_has_a_rule_in_kern_css(pages):
    styled = selector_classes(KERN_CSS)
    missing = {
        name: label
        for label, page in pages.items()
        for name in page.classes
        if name.startswith("kern-") and name not in styled
    }

    assert not missing, f"no rule in kern.min.css (run `make kern-css`): {missing}"


def test_every_portal_class_on_the_pages_has_a_rule_in_portal_css(pages):
    used = {name for page in pages.values() for name in page.classes if name.startswith("portal-")}
    styled = selector_classes(PORTAL_CSS)

    missing = sorted(used - styled - set(HOOKS))
    assert not missing, f"no rule in portal.css (add one, or the class to HOOKS with why): {missing}"
    assert not set(HOOKS) - used, "HOOKS names a class the pages no longer use"
    assert not set(HOOKS) & styled, "HOOKS names a class that portal.css styles"


# ---------- reproducible builds ----------


def test_kern_css_is_the_vendored_build_trimmed_to_the_classes_in_use():
    used, css = trim_kern_css.build()

    assert {"kern-kopfzeile", "kern-icon--easy-language", "kern-icon--sign-language"} <= used.classes
    assert KERN_CSS.read_text(encoding="utf-8") == css, "run `make kern-css` and commit the result"


def test_fonts_are_the_vendored_fonts_subset():
    outputs = subset_fonts.build()

    stale = [
        str(path.relative_to(settings.BASE_DIR))
        for path, data in outputs.items()
        if path.read_bytes() != data
    ]
    assert not stale, f"run `make fonts` and commit the result: {stale}"


def test_licences_are_beside_the_full_builds_and_the_shipped_files():
    for folder in (trim_kern_css.SOURCE.parent, KERN_CSS.parent):
        assert "EUROPÄISCHE UNION PUBLIC LICENCE v. 1.2" in (folder / "LICENSE.md").read_text(
            encoding="utf-8"
        )
    for folder in (subset_fonts.SOURCE_DIR, subset_fonts.OUTPUT_DIR):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (folder / "OFL.txt").read_text(encoding="utf-8")
    assert KERN_CSS.read_text(encoding="utf-8").startswith('@charset "UTF-8";/*! KERN UX')


def test_the_trimmer_keeps_what_markup_can_match():
    css = (
        ":root{--a:1px;--b:var(--a);--unused:2px}"
        ".kern-x{width:var(--b);animation:spin 1s}.kern-y{color:red}"
        ".kern-x:not(.kern-y),.kern-y .kern-x{margin:0}:is(p,.kern-y) a{top:0}:is(.kern-y) b{top:0}"
        "@media (min-width: 1px){.kern-y{top:0}.kern-x{top:0}}@media print{.kern-y{top:0}}"
        "@keyframes spin{to{rotate:1turn}}@keyframes other{to{top:0}}"
        "[data-kern-theme=dark]{color:#000}[class*=kern-x]{bottom:0}[class^=kern-z]{bottom:0}"
    )
    used = trim_kern_css.Usage(classes=frozenset({"kern-x"}))

    body = trim_kern_css.trim(css, used).split("\n")[1]

    assert body == (
        ":root{--a:1px;--b:var(--a)}.kern-x{width:var(--b);animation:spin 1s}"
        ".kern-x:not(.kern-y){margin:0}:is(p,.kern-y) a{top:0}"
        "@media (min-width: 1px){.kern-x{top:0}}@keyframes spin{to{rotate:1turn}}[class*=kern-x]{bottom:0}"
    )


def test_a_class_built_from_an_unknown_variable_stops_the_trimmer(tmp_path):
    template = tmp_path / "alert.html"
    template.write_text('<div class="kern-alert kern-alert--{{ level }}">', encoding="utf-8")

    with pytest.raises(ValueError, match="DYNAMIC_CLASSES"):
        trim_kern_css.usage([template])


# ---------- budgets ----------


@pytest.mark.parametrize("font_file", FONT_FILES, ids=lambda path: path.name)
def test_font_size_budget(font_file):
    assert font_file.stat().st_size <= FONT_BUDGET


def test_kern_css_size_budget():
    data = KERN_CSS.read_bytes()

    assert len(data) <= KERN_CSS_BUDGET
    assert len(gzip.compress(data, mtime=0)) <= KERN_CSS_GZIP_BUDGET
