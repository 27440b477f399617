"""The contact card component for contact people, with flat variables."""

from django import template

from core.templatetags.portal_tags import live_url

register = template.Library()


@register.inclusion_tag("components/contact_card.html")
def contact_card(person, heading_level=3):
    """Render a contact person as the contact card component with flat variables."""
    organisation = person.organisation
    return {
        "name": person.full_name,
        "url": person.url,
        "role": person.role,
        "organisation": organisation.title if organisation else "",
        "organisation_url": live_url(organisation),
        "address_lines": person.address_lines,
        "phone": person.phone_display,
        "phone_e164": person.phone.as_e164 if person.phone else "",
        "email": person.email,
        "website": person.website,
        "photo": person.photo,
        "reviewed_on": person.last_reviewed_on,
        "heading_level": heading_level,
    }
