"""Sections that apps higher up contribute to a page through Wagtail hooks, so the page imports none of them.

A page type names its hook (`section_hook`, e.g. "register_region_section"). Every function registered
for that hook returns a `Section`: a template component with its order and area, a context function,
and optionally URL routes below the page, editor panels and page types an editor may feature. The
page renders its sections generically; a new content type adds a section without touching the page.

The frame of every page works the same way: hook "register_site_section", areas "header" and
"footer", context functions that take the request (the search form, the link "Barriere melden").

Orders on region pages, low first: 10–19 what the region runs (projects; carriers in the side
column), 20–39 what it publishes (news, events; fields of action and feeds in the side column),
40–49 whom to contact. Home pages: 10 regions, 20 news, 30 events. Project pages: 10 news, 20 events.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin

from core.images import prefetch_teaser_renditions, teaser_renditions_batch


@dataclass(frozen=True)
class Section:
    """One part of a page contributed by another app."""

    name: str
    template: str
    # page (request, for site sections) -> dict for the template; an empty result leaves it out.
    context: Callable[..., dict]
    order: int = 100
    # Where the page places it, e.g. "main" or "side" (see the page's template).
    area: str = "main"
    # Optional template for the page's <head> (e.g. feed autodiscovery), with the same context.
    head_template: str = ""
    # URL patterns (django.urls.path) below the page; views are called as view(page, request, ...).
    routes: tuple = ()
    # Editor panels appended to the page's content tab.
    panels: tuple = ()
    # Page types ("app.Model") an editor may pin on the page.
    featurable_page_types: tuple = ()


@dataclass(frozen=True)
class RenderedSection:
    """A section with its context for one page."""

    name: str
    template: str
    head_template: str
    context: dict


SITE_SECTION_HOOK = "register_site_section"


def registered_sections(hook_name):
    """The sections registered for `hook_name`, in page order."""
    sections = (make() for make in hooks.get_hooks(hook_name))
    return sorted(sections, key=lambda section: (section.order, section.name))


def once_per_page(lookup):
    """Decorate `lookup(page)` so sections sharing it query once per page object (i.e. per request)."""
    attribute = f"_section_{lookup.__module__}_{lookup.__name__}".replace(".", "_")

    @functools.wraps(lookup)
    def cached(page):
        if attribute not in page.__dict__:
            page.__dict__[attribute] = lookup(page)
        return page.__dict__[attribute]

    return cached


def site_sections(request, area):
    """The parts of every page's frame that apps registered for `area` ("header", "footer"), rendered."""
    rendered = []
    for section in registered_sections(SITE_SECTION_HOOK):
        context = section.context(request) if section.area == area else None
        if context:
            rendered.append(RenderedSection(section.name, section.template, section.head_template, context))
    return rendered


class SectionPanels:
    """`content_panels` that end with the panels of the page's sections, read when the editor is built."""

    def __init__(self, panels):
        self.panels = list(panels)

    def __get__(self, instance, owner):
        return self.panels + [panel for section in owner.sections() for panel in section.panels]


def evaluated(context):
    """The context with its querysets turned into lists, so they are read inside the rendition batch."""
    if not context:
        return context
    return {key: list(value) if isinstance(value, QuerySet) else value for key, value in context.items()}


class SectionedPageMixin(RoutablePageMixin):
    """A page whose sections come from `section_hook`: their routes answer below it, their parts on it."""

    section_hook = ""

    @classmethod
    def sections(cls):
        """The sections other apps registered for this page type, in page order."""
        return registered_sections(cls.section_hook)

    @classmethod
    def get_subpage_urls(cls):
        return super().get_subpage_urls() + tuple(
            route for section in cls.sections() for route in section.routes
        )

    @classmethod
    def featurable_page_types(cls):
        """The page types ("app.Model") the sections offer to pin on this page."""
        return [page_type for section in cls.sections() for page_type in section.featurable_page_types]

    def section_areas(self):
        """{"main": [RenderedSection, …], "side": […], …}; sections with nothing to show are left out.

        A page not saved yet (the preview of a new page) has nothing filed below it: no sections.
        """
        if self.pk is None:
            return {}
        areas = {}
        with teaser_renditions_batch():
            for section in self.sections():
                context = evaluated(section.context(self))
                if context:
                    rendered = RenderedSection(section.name, section.template, section.head_template, context)
                    areas.setdefault(section.area, []).append(rendered)
        prefetch_teaser_renditions(rendered.context for area in areas.values() for rendered in area)
        return areas

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        areas = self.section_areas()
        context["sections"] = areas
        context["head_sections"] = [
            section for area in areas.values() for section in area if section.head_template
        ]
        return context
