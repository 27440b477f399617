"""The contacts' sections of a region page, with the editor panel for the region's contact people."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import InlinePanel, MultiFieldPanel

from contacts import sections
from core.sections import Section


@hooks.register("register_region_section")
def register_carriers():
    return Section(
        name="carriers",
        template="components/page_link_box.html",
        context=sections.carriers,
        area="side",
        order=10,
    )


@hooks.register("register_region_section")
def register_contacts():
    return Section(
        name="contacts",
        template="components/contact_section.html",
        context=sections.contacts,
        order=40,
        panels=(
            MultiFieldPanel([InlinePanel("contact_links", label=_("Kontaktperson"))], heading=_("Kontakt")),
        ),
    )
