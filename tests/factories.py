"""Factories for test pages beyond the demo content.

Usage: ``NewsPageFactory(parent=region_page, title="…")`` creates a live news item below
``region_page``; likewise EventPageFactory, ProjectPageFactory, OrganisationPageFactory and
ContactPersonPageFactory. An event gets its dates from
``EventDateFactory(event=event_page, start_date=…)`` (default: a week from today).
"""

import datetime

import factory
import wagtail_factories

from contacts.models import ContactPersonPage, OrganisationPage
from news.models import EventDate, EventPage, NewsPage
from projects.models import ProjectPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testmeldung {n}")
    intro = factory.Faker("sentence", locale="de_DE")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testveranstaltung {n}")
    intro = factory.Faker("sentence", locale="de_DE")

    class Meta:
        model = EventPage


class OrganisationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testorganisation {n}")
    kind = "other"

    class Meta:
        model = OrganisationPage


class ContactPersonPageFactory(wagtail_factories.PageFactory):
    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    title = factory.LazyAttribute(lambda person: f"{person.given_name} {person.family_name}")
    role = "Projektleitung"

    class Meta:
        model = ContactPersonPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testprojekt {n}")
    intro = factory.Faker("sentence", locale="de_DE")

    class Meta:
        model = ProjectPage


class EventDateFactory(factory.django.DjangoModelFactory):
    """Usage: ``EventDateFactory(event=event_page, start_date=date, locality="Hamm")``."""

    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))

    class Meta:
        model = EventDate
