"""Factories for test pages and images beyond the demo content.

Usage: ``NewsPageFactory(parent=region_page, title="…")`` creates a live news item below
``region_page``; likewise EventPageFactory, ProjectPageFactory, OrganisationPageFactory,
ContactPersonPageFactory, RegionPageFactory and ContentPageFactory. ``with_image=True`` gives a
page a teaser image (``listing_image``), ``ContactPersonPageFactory(with_photo=True,
organisation=…)`` a person a photo and an organisation. An event gets its dates from
``EventDateFactory(event=event_page, start_date=…)`` (default: a week from today).
``ImageFactory()`` stores a real small JPEG with a credit.
"""

import datetime

import factory
import wagtail_factories
from wagtail.models import Collection

from contacts.models import ContactPersonPage, OrganisationPage
from core.models import ContentPage
from news.models import EventDate, EventPage, NewsPage
from projects.models import ProjectPage
from regions.models import RegionPage


class ImageFactory(wagtail_factories.ImageFactory):
    """A portal image with a real JPEG file (160x90 unless ``file__width``/``file__height``) and its credit.

    Usage: ``ImageFactory()``, ``ImageFactory(file__width=1200, file__height=675, source="https://…")``.
    Small by default: every rendition of it is made in milliseconds, also the AVIF ones.
    """

    title = factory.Sequence(lambda n: f"Testbild {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=160, height=90, color="teal", filename="testbild.jpg")
    creator = "Foto: Erika Beispiel"
    licence = "CC BY 4.0"


class PortalPageFactory(wagtail_factories.PageFactory):
    """Base of the page factories: ``with_image=True`` adds a teaser image."""

    class Meta:
        abstract = True

    class Params:
        with_image = factory.Trait(listing_image=factory.SubFactory(ImageFactory))


class RegionPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Testregion {n}")
    intro = factory.Faker("sentence", locale="de_DE")

    class Meta:
        model = RegionPage


class ContentPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Testinhalt {n}")
    intro = factory.Faker("sentence", locale="de_DE")

    class Meta:
        model = ContentPage


class NewsPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Testmeldung {n}")
    intro = factory.Faker("sentence", locale="de_DE")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage


class EventPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Testveranstaltung {n}")
    intro = factory.Faker("sentence", locale="de_DE")

    class Meta:
        model = EventPage


class OrganisationPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Testorganisation {n}")
    kind = "other"

    class Meta:
        model = OrganisationPage


class ContactPersonPageFactory(PortalPageFactory):
    """Usage: ``ContactPersonPageFactory(parent=…, organisation=organisation_page, with_photo=True)``."""

    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    title = factory.LazyAttribute(lambda person: f"{person.given_name} {person.family_name}")
    role = "Projektleitung"

    class Meta:
        model = ContactPersonPage

    class Params:
        with_photo = factory.Trait(photo=factory.SubFactory(ImageFactory))


class ProjectPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Testprojekt {n}")
    intro = factory.Faker("sentence", locale="de_DE")

    class Meta:
        model = ProjectPage


class EventDateFactory(factory.django.DjangoModelFactory):
    """Usage: ``EventDateFactory(event=event_page, start_date=date, locality="Hamm")``."""

    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))

    class Meta:
        model = EventDate


def pages_of_every_kind(home, region, directory, contact_index, **fields):
    """One page of every kind that renders as a teaser, each with a teaser image (a person also a photo).

    Usage: ``pages_of_every_kind(home, region, directory, contact_index, intro="Bildprobe …")``;
    the region, news item, event (next week), project and content page are filed under `home` and
    `region`, the organisation in `directory`, the person in `contact_index` (working for the
    organisation). Returns the pages.
    """
    fields = {"with_image": True, **fields}
    event = EventPageFactory(parent=region, **fields)
    EventDateFactory(event=event)
    organisation = OrganisationPageFactory(parent=directory, **fields)
    return [
        RegionPageFactory(parent=home, **fields),
        NewsPageFactory(parent=region, **fields),
        event,
        ProjectPageFactory(parent=region, **fields),
        organisation,
        ContactPersonPageFactory(parent=contact_index, organisation=organisation, with_photo=True, **fields),
        ContentPageFactory(parent=home, **fields),
    ]
