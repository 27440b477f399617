"""Finds the links in every live page: its fields, rich text, StreamField blocks and inline objects."""

import functools
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.admin.panels import InlinePanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

PAGE_PREFIX = "page:"
DOCUMENT_PREFIX = "document:"
SEPARATOR = " › "
MAX_URL_LENGTH = 2000
# Links that lead nowhere on the web: e-mail, phone, scripts and inline data are not checked.
SKIPPED_SCHEMES = {"mailto", "tel", "sms", "fax", "javascript", "data"}
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Found:
    """A link found on a page: its normalised address, whether it is internal, and where it is."""

    url: str
    internal: bool
    page_id: int
    where: str


class PortalHosts:
    """The portal's own addresses, from the Wagtail sites: links to them are internal."""

    def __init__(self, sites):
        self.sites = {(hostname.lower(), port) for hostname, port in sites}

    @classmethod
    def from_sites(cls):
        return cls(Site.objects.values_list("hostname", "port"))

    def is_internal(self, url):
        """True for an address on a site's host; 80 and 443 count as the same port (https behind a proxy)."""
        parts = urlsplit(url)
        try:
            port = parts.port or DEFAULT_PORTS.get(parts.scheme)
        except ValueError:
            return False
        host = (parts.hostname or "").lower()
        return any(
            hostname == host and (site_port == port or {site_port, port} <= set(DEFAULT_PORTS.values()))
            for hostname, site_port in self.sites
        )


def normalise(href, base):
    """The absolute address of a link (scheme and host in lower case, no fragment), or None to skip it."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        if urlsplit(href).scheme.lower() in SKIPPED_SCHEMES:
            return None
        parts = urlsplit(urljoin(base, href))
        port = parts.port
    except ValueError:  # unparseable, e.g. "http://[::1/"; the editors' URL fields refuse such addresses
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6
    netloc = host if port is None or port == DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    return url if len(url) <= MAX_URL_LENGTH else None  # longer than Link.url can hold


class AnchorParser(HTMLParser):
    """Collects the attributes of every <a> in Wagtail's stored rich text."""

    def __init__(self):
        super().__init__()
        self.anchors = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors.append(dict(attrs))


def is_page_model(model):
    return isinstance(model, type) and issubclass(model, Page)


@functools.cache
def inline_panel_labels(page_model):
    """The labels editors see on a page type's inline panels, by relation, e.g. {"dates": "Termin"}."""
    labels, panels = {}, [page_model.get_edit_handler()]
    while panels:
        panel = panels.pop()
        if isinstance(panel, InlinePanel):
            labels[panel.relation_name] = str(panel.label)
        panels.extend(getattr(panel, "children", []))
    return labels


class LinkCollector:
    """Walks every live page (as its specific type) and yields a Found record per link."""

    def __init__(self, hosts):
        self.hosts = hosts
        default_site = Site.objects.filter(is_default_site=True).first()
        self.default_base = f"{default_site.root_url}/" if default_site else "http://localhost/"

    def collect(self):
        pages = Page.objects.live().filter(depth__gt=1).order_by("path").specific()
        return [found for page in pages for found in self.page_links(page)]

    def page_links(self, page):
        """The links in a page's own fields and in its inline objects (e.g. event dates)."""
        base = page.full_url or self.default_base
        yield from self.object_links(page, page.pk, base, [])
        panel_labels = inline_panel_labels(type(page))
        for relation in get_all_child_relations(type(page)):
            if relation.field.related_model is Page:
                continue  # Wagtail's own child objects such as comments
            name = relation.get_accessor_name()
            label = panel_labels.get(name) or str(relation.related_model._meta.verbose_name)
            for child in getattr(page, name).all():
                yield from self.object_links(child, page.pk, base, [label])

    def object_links(self, obj, page_id, base, where):
        """The links in the fields a model adds beyond Wagtail's own page fields."""
        for field in obj._meta.get_fields():
            if field.model is Page or not (field.concrete or field.many_to_many):
                continue
            path = [*where, str(getattr(field, "verbose_name", field.name))]
            if field.many_to_many:
                if is_page_model(field.related_model):
                    targets = getattr(obj, field.name).all()
                    yield from self.unpublished_page_links(targets, page_id, path)
            elif field.is_relation:
                if is_page_model(field.related_model) and not self.is_parent_link(field):
                    yield from self.unpublished_page_links([getattr(obj, field.name)], page_id, path)
            else:
                yield from self.field_links(field, field.value_from_object(obj), page_id, base, path)

    @staticmethod
    def is_parent_link(field):
        return isinstance(field, ParentalKey) or field.remote_field.parent_link

    def field_links(self, field, value, page_id, base, path):
        if not value:
            return
        if isinstance(field, StreamField):
            yield from self.block_links(field.stream_block, value, page_id, base, path)
        elif isinstance(field, RichTextField):
            yield from self.rich_text_links(value, page_id, base, path)
        elif isinstance(field, models.URLField) or (
            isinstance(field, models.CharField)
            and isinstance(value, str)  # not e.g. a phone number object
            and value.startswith(("http://", "https://"))
        ):
            yield from self.url_links(value, page_id, base, path)

    def block_links(self, block, value, page_id, base, path):
        """Walk a StreamField value by its block types, whatever blocks a page type combines."""
        if value is None:
            return
        if isinstance(block, blocks.StreamBlock):
            for child in value:
                child_path = [*path, str(child.block.label)]
                yield from self.block_links(child.block, child.value, page_id, base, child_path)
        elif isinstance(block, blocks.ListBlock):
            for item in value:
                yield from self.block_links(block.child_block, item, page_id, base, path)
        elif isinstance(block, blocks.StructBlock):
            if isinstance(value, blocks.StructValue):  # not e.g. ImageBlock, whose value is an image
                for name, child_block in block.child_blocks.items():
                    child_path = [*path, str(child_block.label)]
                    yield from self.block_links(child_block, value.get(name), page_id, base, child_path)
        elif isinstance(block, blocks.RichTextBlock):
            yield from self.rich_text_links(value.source, page_id, base, path)
        elif isinstance(block, blocks.URLBlock):
            yield from self.url_links(value, page_id, base, path)
        elif isinstance(block, blocks.PageChooserBlock):
            yield Found(f"{PAGE_PREFIX}{value.pk}", True, page_id, SEPARATOR.join(path))
        elif isinstance(block, DocumentChooserBlock):
            yield Found(f"{DOCUMENT_PREFIX}{value.pk}", True, page_id, SEPARATOR.join(path))

    def rich_text_links(self, source, page_id, base, path):
        """Links in rich text as Wagtail stores it: pages and documents by number, others by href."""
        parser = AnchorParser()
        parser.feed(source)
        where = SEPARATOR.join(path)
        for anchor in parser.anchors:
            linktype = anchor.get("linktype")
            if linktype == "page" and anchor.get("id"):
                yield Found(f"{PAGE_PREFIX}{anchor['id']}", True, page_id, where)
            elif linktype == "document" and anchor.get("id"):
                yield Found(f"{DOCUMENT_PREFIX}{anchor['id']}", True, page_id, where)
            elif not linktype and anchor.get("href"):
                yield from self.url_links(anchor["href"], page_id, base, path)

    def url_links(self, value, page_id, base, path):
        url = normalise(value, base)
        if url is not None:
            yield Found(url, self.hosts.is_internal(url), page_id, SEPARATOR.join(path))

    @staticmethod
    def unpublished_page_links(targets, page_id, path):
        """Chosen pages are no links to check, unless they are no longer published."""
        for target in targets:
            if target is not None and not target.live:
                yield Found(f"{PAGE_PREFIX}{target.pk}", True, page_id, SEPARATOR.join(path))
