"""Content that stays true: every page has an owner and a review date; overdue pages surface and remind."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core.models import BasePage
from core.page_forms import REVIEW_INTERVAL
from editorial.models import ReviewReminder
from editorial.review import review_page_models, with_review_fields
from editorial.wagtail_hooks import register_review_report_menu_item
from tests.conftest import visible_text
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

# The demo content's review dates are fixed; the tests that rely on which pages are overdue run on this day.
DEMO_TODAY = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
OVERDUE = {"Chancenregion Ruhrgebiet braucht Wachstumskurs", "Rasmus C. Beck"}
OVERDUE_BERGISCH = "Schmiede für Urbane Manufakturen in Remscheid"
OWNERLESS = "Summit Umweltwirtschaft.NRW"
REPORT_URL = reverse("editorial_review_report")
BUETER = "region-duesseldorf-kreis-mettmann/dr-kai-bueter"


@pytest.fixture
def demo_today():
    with time_machine.travel(DEMO_TODAY, tick=False):
        yield DEMO_TODAY.date()


def report_titles(response):
    assert response.status_code == 200
    return {page.title for page in response.context["object_list"]}


def regional_editor(region, username="redaktion-test"):
    """A user whose group may edit one region's subtree and open the admin, as the editorial roles set up."""
    group = Group.objects.create(name=f"Test-Redaktion {region.title}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=region, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "geheim-123")
    user.groups.add(group)
    return user


def request_by(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def imprint_form(page, **changes):
    """The Impressum's edit form as the admin posts it ("Entwurf speichern"), with `changes`."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "review_owner": page.review_owner_id or "",
        "last_reviewed_on": page.last_reviewed_on.isoformat() if page.last_reviewed_on else "",
        "review_by": page.review_by.isoformat() if page.review_by else "",
    }
    values.update(changes)
    return nested_form_data(values)


def test_every_page_type_has_owner_and_review_dates_on_its_settings_tab():
    page_models = [model for model in apps.get_models() if issubclass(model, BasePage)]
    assert len(page_models) == 16
    assert set(review_page_models()) == set(page_models)
    for model in page_models:
        assert model._meta.get_field("review_owner").verbose_name == "Verantwortlich"
        assert model._meta.get_field("review_by").verbose_name == "Prüfen bis"
        assert model._meta.get_field("last_reviewed_on").verbose_name == "Zuletzt geprüft am"
        settings_tab = model.get_edit_handler().children[-1]
        fields = settings_tab.get_form_options()["fields"]
        assert {"review_owner", "mark_reviewed", "last_reviewed_on", "review_by"} <= set(fields), model


def test_the_demo_pages_have_owners_and_review_dates():
    pages = list(with_review_fields(Page.objects.all()))
    assert len(pages) == Page.objects.filter(depth__gt=1).count()
    assert [page.title for page in pages if page.review_owner_id is None] == [OWNERLESS]
    assert all(page.review_by and page.last_reviewed_on for page in pages)


def test_ticking_reviewed_records_today_and_schedules_the_next_review(admin_client, demo_page):
    page = demo_page("impressum")
    page.review_by = page.last_reviewed_on = None
    page.save()
    today = timezone.localdate()

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), imprint_form(page, mark_reviewed="on")
    )

    assert response.status_code == 302
    page.refresh_from_db()  # a saved draft is enough: the dates apply at once
    assert (page.last_reviewed_on, page.review_by) == (today, today + REVIEW_INTERVAL)


def test_ticking_reviewed_keeps_a_review_date_still_ahead(admin_client, demo_page):
    page = demo_page("impressum")
    ahead = timezone.localdate() + datetime.timedelta(days=30)
    page.review_by = ahead
    page.save()

    admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), imprint_form(page, mark_reviewed="on")
    )

    page.refresh_from_db()
    assert (page.last_reviewed_on, page.review_by) == (timezone.localdate(), ahead)


def test_review_date_before_the_last_review_is_refused_in_german(admin_client, demo_page):
    page = demo_page("impressum")
    form = imprint_form(page, last_reviewed_on="2026-03-12", review_by="2026-03-01")

    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)

    assert response.status_code == 200
    assert "„Prüfen bis“ darf nicht vor dem Datum der letzten Prüfung (12.03.2026) liegen." in visible_text(
        response
    )
    page.refresh_from_db()
    assert page.review_by.year == 2027


@pytest.mark.parametrize(
    "path",
    [BUETER, "region-duesseldorf-kreis-mettmann/regionalmanagement-duesseldorf-kreis-mettmann"],
)
def test_contact_cards_say_when_they_were_last_checked(client, demo_page, path):
    page = demo_page(path)
    checked = f'Zuletzt geprüft am <time datetime="{page.last_reviewed_on:%Y-%m-%d}">'
    checked += f"{page.last_reviewed_on:%d.%m.%Y}</time>"

    assert checked in visible_text(client.get(page.url))
    assert checked in visible_text(client.get(page.url + "karte/"))


def test_compact_cards_in_the_contact_overview_show_the_date_too(client, demo_page):
    person = demo_page(BUETER)
    overview = visible_text(client.get(demo_page("ansprechpersonen").url))
    assert f'<time datetime="{person.last_reviewed_on:%Y-%m-%d}">' in overview


def test_contact_card_without_review_date_says_nothing_about_it(client, demo_page):
    page = demo_page(BUETER)
    page.last_reviewed_on = None
    page.save()
    assert "Zuletzt geprüft" not in visible_text(client.get(page.url))


def test_report_lists_overdue_and_ownerless_pages_most_overdue_first(admin_client, demo_today):
    response = admin_client.get(REPORT_URL)

    titles = [page.title for page in response.context["object_list"]]
    assert titles == [
        OVERDUE_BERGISCH,
        "Chancenregion Ruhrgebiet braucht Wachstumskurs",
        "Rasmus C. Beck",
        OWNERLESS,
    ]
    text = visible_text(response)
    assert "Prüftermine" in text
    assert "überfällig" in text and "ohne Verantwortliche" in text
    assert "Redaktion Metropole Ruhr" in text
    assert "28.10.2026" in text


def test_report_filters_by_region_status_and_owner(admin_client, demo_page, demo_today):
    ruhr = demo_page("metropole-ruhr")
    owner = get_user_model().objects.get(username="redaktion-bergisch")

    assert report_titles(admin_client.get(REPORT_URL, {"region": ruhr.pk})) == OVERDUE | {OWNERLESS}
    assert report_titles(admin_client.get(REPORT_URL, {"status": "ueberfaellig"})) == OVERDUE | {
        OVERDUE_BERGISCH
    }
    assert report_titles(admin_client.get(REPORT_URL, {"status": "ohne-verantwortliche"})) == {OWNERLESS}
    assert report_titles(admin_client.get(REPORT_URL, {"owner": owner.pk})) == {OVERDUE_BERGISCH}


def test_report_exports_csv(admin_client, demo_today):
    response = admin_client.get(REPORT_URL, {"export": "csv"})

    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Titel,Region,Verantwortlich,Prüfen bis,Zuletzt geprüft am,Bearbeiten"
    assert lines[1].startswith(f"{OVERDUE_BERGISCH},Bergisches Städtedreieck,Redaktion Bergisches")
    assert "2026-09-30,2025-09-30,http://testserver/admin/pages/" in lines[1]


def test_regional_editor_sees_only_pages_of_their_region(client, demo_today):
    editor = get_user_model().objects.get(username="redaktion-ruhr")  # demo role "Redaktion Metropole Ruhr"
    client.force_login(editor)

    response = client.get(REPORT_URL)
    assert report_titles(response) == OVERDUE | {OWNERLESS}
    owner_filter = response.context["filters"].form.fields["owner"]
    assert {user.username for user in owner_filter.queryset} == {"redaktion-ruhr"}
    assert register_review_report_menu_item().is_shown(request_by(editor))


def test_regional_editor_picks_owners_from_their_team_and_the_approvers(client, demo_page):
    client.force_login(get_user_model().objects.get(username="redaktion-ruhr"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[demo_page("metropole-ruhr").pk]))
    choices = {user.username for user in response.context["form"].fields["review_owner"].queryset}
    assert choices == {"redaktion-ruhr", "freigabe"}


def test_publishing_an_older_revision_keeps_the_current_owner_and_review_dates(demo_page):
    page = demo_page(BUETER)
    old_revision = page.latest_revision
    page.last_reviewed_on, page.review_by = datetime.date(2026, 11, 20), datetime.date(2027, 11, 20)
    page.save_revision().publish()

    old_revision.publish()
    page.refresh_from_db()
    assert (page.last_reviewed_on, page.review_by) == (
        datetime.date(2026, 11, 20),
        datetime.date(2027, 11, 20),
    )


def test_report_is_closed_to_users_without_page_rights(client):
    user = get_user_model().objects.create_user("nur-lesen", "nur-lesen@example.org", "geheim-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(REPORT_URL).status_code == 403
    assert not register_review_report_menu_item().is_shown(request_by(user))


def test_report_queries_do_not_grow_with_overdue_pages(admin_client, demo_page, demo_today):
    owner = get_user_model().objects.get(username="redaktion-ruhr")

    def add_overdue(count):
        for _ in range(count):
            NewsPageFactory(
                parent=demo_page("metropole-ruhr"), review_owner=owner, review_by=datetime.date(2026, 1, 1)
            )

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(REPORT_URL)
        assert response.status_code == 200
        return len(response.context["object_list"]), len(queries)

    add_overdue(1)
    rows_one, queries_one = count_queries()
    add_overdue(9)
    rows_ten, queries_ten = count_queries()

    assert rows_ten == rows_one + 9
    assert queries_ten == queries_one


def test_dashboard_shows_each_user_their_overdue_pages(client, demo_page, demo_today):
    editor = regional_editor(demo_page("metropole-ruhr"))
    mine = demo_page("metropole-ruhr/chancenregion-ruhrgebiet-braucht-wachstumskurs")
    mine.review_owner = editor
    mine.save()
    client.force_login(editor)

    text = visible_text(client.get(reverse("wagtailadmin_home")))

    assert "Ihre Seiten mit fälliger Prüfung" in text
    assert mine.title in text and "14.10.2026" in text
    assert "Rasmus C. Beck" not in text  # overdue too, but someone else's


def test_dashboard_has_no_review_panel_when_nothing_is_due(admin_client, demo_today):
    assert "Ihre Seiten mit fälliger Prüfung" not in visible_text(
        admin_client.get(reverse("wagtailadmin_home"))
    )


def test_reminders_go_to_each_owner_once_a_week(demo_today):
    call_command("send_review_reminders")

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"redaktion-ruhr@example.org", "redaktion-bergisch@example.org"}
    ruhr = by_recipient["redaktion-ruhr@example.org"]
    assert ruhr.subject == "Prüfung fällig: 2 Seiten"
    assert "Guten Tag Redaktion Metropole Ruhr" in ruhr.body
    for title in OVERDUE:
        assert title in ruhr.body
    assert "Prüfen bis: 28.10.2026" in ruhr.body
    beck = Page.objects.get(title="Rasmus C. Beck")
    assert f"http://127.0.0.1:8000/admin/pages/{beck.pk}/edit/" in ruhr.body
    assert OVERDUE_BERGISCH in by_recipient["redaktion-bergisch@example.org"].body
    assert ReviewReminder.objects.count() == 3

    mail.outbox.clear()
    with time_machine.travel(DEMO_TODAY + datetime.timedelta(days=6), tick=False):
        call_command("send_review_reminders")
    assert mail.outbox == []

    with time_machine.travel(DEMO_TODAY + datetime.timedelta(days=7, minutes=1), tick=False):
        call_command("send_review_reminders")
    assert len(mail.outbox) == 2
    assert ReviewReminder.objects.count() == 3


def test_reminders_skip_owners_without_email_or_inactive(demo_today, capsys):
    get_user_model().objects.filter(username="redaktion-bergisch").update(email="")
    get_user_model().objects.filter(username="redaktion-ruhr").update(is_active=False)

    call_command("send_review_reminders")

    assert mail.outbox == []
    output = capsys.readouterr().out
    assert "0 verschickt" in output and "2 übersprungen" in output
