"""vCard 3.0 export of contact people and organisations (RFC 2426), written with vobject.

Version 3.0 because it is the one every common address book imports (Apple Contacts,
Outlook, Google Contacts, Thunderbird).
"""

import vobject

COUNTRY = "Deutschland"
PHOTO_RENDITION = "fill-400x400|format-jpeg"


def _add_address(card, page):
    if not (page.street_address or page.locality):
        return
    address = card.add("adr")
    address.value = vobject.vcard.Address(
        extended=", ".join(line.strip() for line in page.address_extra.splitlines() if line.strip()),
        street=page.street_address,
        city=page.locality,
        code=page.postal_code,
        country=COUNTRY,
    )
    address.type_param = "WORK"


def _add_reachability(card, page, page_url):
    if page.phone:
        phone = card.add("tel")
        phone.value = page.phone.as_international
        phone.type_paramlist = ["WORK", "VOICE"]
    if page.email:
        email = card.add("email")
        email.value = page.email
        email.type_param = "INTERNET"
    card.add("url").value = page.website or page_url
    card.add("source").value = page_url


def _add_photo(card, image):
    if image is None:
        return
    rendition = image.get_rendition(PHOTO_RENDITION)
    with rendition.file.open("rb") as photo_file:
        data = photo_file.read()
    photo = card.add("photo")
    photo.value = data
    photo.encoding_param = "b"
    photo.type_param = "JPEG"


def person_vcard(person, page_url):
    """The vCard of a contact person: name with academic degree, role, organisation, reachability."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(
        family=person.family_name, given=person.given_name, prefix=person.honorific_prefix
    )
    card.add("fn").value = person.full_name
    if person.organisation:
        card.add("org").value = [person.organisation.title]
    if person.role:
        card.add("title").value = person.role
    _add_address(card, person)
    _add_reachability(card, person, page_url)
    _add_photo(card, person.photo)
    card.add("uid").value = f"{page_url}#vcard"
    return card.serialize()


def organisation_vcard(organisation, page_url):
    """The vCard of an organisation, marked as a company for address books that support it."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=organisation.title)
    card.add("fn").value = organisation.title
    card.add("org").value = [organisation.title]
    card.add("x-abshowas").value = "COMPANY"
    _add_address(card, organisation)
    _add_reachability(card, organisation, page_url)
    _add_photo(card, organisation.listing_image)
    card.add("uid").value = f"{page_url}#vcard"
    return card.serialize()
