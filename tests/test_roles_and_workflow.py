"""Editorial roles: each region team edits only its region, and nothing goes live without approval."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from editorial.roles import MODERATORS, PORTAL_EDITORS, WORKFLOW_NAME, region_team, setup_editorial
from regions.models import RegionPage
from tests.conftest import visible_text
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

REGION_EDITORS = {
    "region-duesseldorf-kreis-mettmann": "redaktion-duesseldorf",
    "bergisches-staedtedreieck": "redaktion-bergisch",
    "metropole-ruhr": "redaktion-ruhr",
}


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def news_form(page, **changes):
    """The edit form of a news page as the admin posts it, with `changes` and an action button."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "date": page.date.isoformat(),
        "intro": page.intro,
        "body": streamfield([]),
        "read_more_text": page.read_more_text,
    }
    values.update(changes)
    return nested_form_data(values)


@pytest.fixture
def ruhr_news(demo_page):
    return NewsPageFactory(parent=demo_page("metropole-ruhr"), title="Meldung vor der Freigabe")


def test_every_region_has_its_own_team_with_rights_on_its_subtree_only(demo_page):
    for region_path, username in REGION_EDITORS.items():
        region = demo_page(region_path)
        team = region_team(region)
        assert team.name == f"Redaktion {region.title}"
        assert set(team.user_set.values_list("username", flat=True)) == {username}
        rights = GroupPagePermission.objects.filter(group=team)
        assert {right.page_id for right in rights} == {region.pk}
        assert {right.permission.codename for right in rights} == {"add_page", "change_page"}
        collections = {
            right.collection.name for right in GroupCollectionPermission.objects.filter(group=team)
        }
        assert collections == {region.title}


def test_portal_team_edits_shared_sections_but_not_regions_or_publishing(demo_page):
    portal = Group.objects.get(name=PORTAL_EDITORS)
    pages = {right.page.specific for right in GroupPagePermission.objects.filter(group=portal)}
    assert demo_page("partnerverzeichnis") in pages and demo_page("impressum") in pages
    assert not any(isinstance(page, RegionPage) for page in pages)
    assert demo_page("") not in pages
    codenames = set(
        GroupPagePermission.objects.filter(group=portal).values_list("permission__codename", flat=True)
    )
    assert "publish_page" not in codenames


def test_moderators_publish_everywhere_and_the_workflow_covers_every_page(demo_page):
    moderators = Group.objects.get(name=MODERATORS)
    home = demo_page("")
    assert GroupPagePermission.objects.filter(
        group=moderators, page=home, permission__codename="publish_page"
    ).exists()
    publishers = GroupPagePermission.objects.filter(permission__codename="publish_page").values_list(
        "group__name", flat=True
    )
    assert set(publishers) == {MODERATORS}
    for page in Page.objects.descendant_of(home, inclusive=True).specific():
        assert page.get_workflow().name == WORKFLOW_NAME, page.url_path
    task = Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().specific
    assert list(task.groups.all()) == [moderators]


def setup_counts():
    return (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Collection.objects.count(),
        Workflow.objects.count(),
        Task.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_setup_is_idempotent():
    counts = setup_counts()
    call_command("setup_editorial", verbosity=0)
    setup_editorial()
    assert setup_counts() == counts


def test_setup_drops_wagtails_empty_sample_groups_and_warns_about_used_ones():
    root = Page.get_first_root_node()
    for name in ["Editors", "Moderators"]:
        group = Group.objects.create(name=name)
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename="change_page")
        )
    get_user_model().objects.create_user("altbestand").groups.add(Group.objects.get(name="Editors"))

    warnings = setup_editorial()["warnings"]

    assert not Group.objects.filter(name="Moderators").exists()
    assert Group.objects.filter(name="Editors").exists()
    assert len(warnings) == 1 and "„Editors“" in warnings[0]


def test_renamed_groups_and_regions_keep_their_rights_and_no_second_team_appears(demo_page):
    Group.objects.filter(name=MODERATORS).update(name="Chefredaktion")
    Group.objects.filter(name=PORTAL_EDITORS).update(name="Zentrale Redaktion")
    ruhr = demo_page("metropole-ruhr")
    team = region_team(ruhr)
    ruhr.title = "Ruhrgebiet"
    ruhr.save_revision().publish()
    counts = setup_counts()

    setup_editorial()

    assert setup_counts() == counts
    assert region_team(ruhr) == team
    task = Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Chefredaktion"]


def test_a_switched_off_workflow_and_task_are_switched_on_again(demo_page):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = workflow.tasks.get()
    task.deactivate()
    workflow.deactivate()
    assert demo_page("metropole-ruhr").get_workflow() is None

    setup_editorial()

    assert demo_page("metropole-ruhr").get_workflow() == workflow
    assert Task.objects.get(pk=task.pk).active


def test_a_copied_region_gets_a_team_of_its_own(admin_client, demo_page):
    ruhr = demo_page("metropole-ruhr")
    original_team = region_team(ruhr)
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[ruhr.pk]),
        {
            "new_title": "Metropole Ruhr",
            "new_slug": "metropole-ruhr-kopie",
            "new_parent_page": demo_page("").pk,
        },
    )
    assert response.status_code == 302

    copy = RegionPage.objects.get(slug="metropole-ruhr-kopie")
    copy_team = region_team(copy)
    assert copy_team != original_team
    assert copy_team.name == "Redaktion Metropole Ruhr (metropole-ruhr-kopie)"
    assert not GroupPagePermission.objects.filter(group=original_team, page=copy).exists()
    copy_collections = GroupCollectionPermission.objects.filter(group=copy_team).values_list(
        "collection__name", flat=True
    )
    assert set(copy_collections) == {"Metropole Ruhr (metropole-ruhr-kopie)"}


def test_region_editor_opens_own_pages_and_gets_403_elsewhere(client, demo_page):
    login(client, "redaktion-duesseldorf")
    own = demo_page("region-duesseldorf-kreis-mettmann/dr-kai-bueter")
    assert client.get(edit_url(own)).status_code == 200
    assert client.get(edit_url(demo_page("region-duesseldorf-kreis-mettmann"))).status_code == 200
    for foreign in [
        "metropole-ruhr",
        "metropole-ruhr/rasmus-c-beck",
        "bergisches-staedtedreieck",
        "impressum",
    ]:
        assert client.get(edit_url(demo_page(foreign))).status_code == 403, foreign
    add_in_ruhr = reverse("wagtailadmin_pages:add", args=["news", "newspage", demo_page("metropole-ruhr").pk])
    assert client.get(add_in_ruhr).status_code == 403


def test_portal_editor_edits_the_directory_but_not_a_region(client, demo_page):
    login(client, "portalredaktion")
    assert client.get(edit_url(demo_page("partnerverzeichnis/ihk-duesseldorf"))).status_code == 200
    assert client.get(edit_url(demo_page("metropole-ruhr"))).status_code == 403


def test_editor_cannot_publish_but_submits_and_the_moderators_are_mailed(client, ruhr_news):
    login(client, "redaktion-ruhr")
    response = client.post(
        edit_url(ruhr_news), news_form(ruhr_news, title="Direkt veröffentlicht?", **{"action-publish": "1"})
    )
    assert response.status_code in (302, 403)
    ruhr_news.refresh_from_db()
    assert ruhr_news.title == "Meldung vor der Freigabe"

    mail.outbox.clear()
    response = client.post(
        edit_url(ruhr_news), news_form(ruhr_news, title="Zur Freigabe", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    ruhr_news.refresh_from_db()
    assert ruhr_news.title == "Meldung vor der Freigabe"  # the live version waits for approval
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(ruhr_news.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    recipients = {address for message in mail.outbox for address in message.to}
    assert "freigabe@example.org" in recipients
    assert "redaktion-ruhr@example.org" not in recipients


def submit(client, page, title):
    login(client, "redaktion-ruhr")
    client.post(edit_url(page), news_form(page, title=title, **{"action-submit": "1"}))
    client.logout()
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def workflow_action(client, page, action, task_state, comment=""):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_moderator_rejects_with_a_comment_and_the_editor_reads_it(client, ruhr_news):
    task_state = submit(client, ruhr_news, "Mit Tippfehlern")
    mail.outbox.clear()
    login(client, "freigabe")
    response = workflow_action(client, ruhr_news, "reject", task_state, "Bitte das Datum prüfen.")
    assert response.status_code in (200, 302)

    ruhr_news.refresh_from_db()
    assert ruhr_news.title == "Meldung vor der Freigabe"
    to_editor = [message for message in mail.outbox if "redaktion-ruhr@example.org" in message.to]
    assert len(to_editor) == 1
    assert "Bitte das Datum prüfen." in to_editor[0].body
    assert "Mit Tippfehlern" in to_editor[0].body


def test_moderator_approves_and_the_change_goes_live(client, ruhr_news):
    task_state = submit(client, ruhr_news, "Freigegebene Meldung")
    mail.outbox.clear()
    login(client, "freigabe")
    workflow_action(client, ruhr_news, "approve", task_state)

    ruhr_news.refresh_from_db()
    assert ruhr_news.title == "Freigegebene Meldung" and ruhr_news.live
    client.logout()
    assert "Freigegebene Meldung" in visible_text(client.get(ruhr_news.url))
    assert any("redaktion-ruhr@example.org" in message.to for message in mail.outbox)


def test_approved_page_with_a_go_live_date_is_published_by_the_scheduler(client, demo_page):
    news = NewsPageFactory(parent=demo_page("metropole-ruhr"), title="Geplante Meldung", live=False)
    go_live = timezone.now() + datetime.timedelta(days=2)
    login(client, "redaktion-ruhr")
    client.post(
        edit_url(news),
        news_form(news, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"), **{"action-submit": "1"}),
    )
    task_state = TaskState.objects.get(workflow_state__object_id=str(news.pk))
    login(client, "freigabe")
    workflow_action(client, news, "approve", task_state)
    news.refresh_from_db()
    assert not news.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    news.refresh_from_db()
    assert news.live


def test_dashboard_shows_each_user_what_waits_for_them(client, ruhr_news):
    submit(client, ruhr_news, "Wartet auf Freigabe")
    login(client, "freigabe")
    moderator_dashboard = visible_text(client.get(reverse("wagtailadmin_home")))
    assert "Wartet auf Freigabe" in moderator_dashboard
    login(client, "redaktion-ruhr")
    editor_dashboard = visible_text(client.get(reverse("wagtailadmin_home")))
    assert "Wartet auf Freigabe" in editor_dashboard
    login(client, "redaktion-bergisch")
    assert "Wartet auf Freigabe" not in visible_text(client.get(reverse("wagtailadmin_home")))


def png_upload():
    return SimpleUploadedFile("bild.png", get_test_image_file().file.getvalue(), content_type="image/png")


def upload_image(title, collection_name):
    collection = Collection.objects.get(name=collection_name)
    return get_image_model().objects.create(title=title, file=get_test_image_file(), collection=collection)


def test_region_editor_sees_and_chooses_only_images_of_their_collection(client, demo_page):
    upload_image("Zeche Zollverein", "Metropole Ruhr")
    upload_image("Müngstener Brücke", "Bergisches Städtedreieck")
    login(client, "redaktion-ruhr")

    listing = visible_text(client.get(reverse("wagtailimages:index")))
    assert "Zeche Zollverein" in listing and "Müngstener Brücke" not in listing
    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert "Zeche Zollverein" in visible_text(chooser) and "Müngstener Brücke" not in visible_text(chooser)
    own, foreign = (
        Collection.objects.get(name="Metropole Ruhr"),
        Collection.objects.get(name="Bergisches Städtedreieck"),
    )
    client.post(
        reverse("wagtailimages:add"),
        {"title": "Fremd", "file": png_upload(), "collection": foreign.pk},
    )
    client.post(reverse("wagtailimages:add"), {"title": "Eigen", "file": png_upload(), "collection": own.pk})
    uploaded = {
        image.title: image.collection
        for image in get_image_model().objects.filter(title__in=["Fremd", "Eigen"])
    }
    assert uploaded == {"Fremd": own, "Eigen": own}  # the only collection offered is their own


def test_documents_are_listed_only_for_the_team_of_their_collection(client):
    placeholder = "gebaerdensprache-platzhalter.webm"  # demo document in the "Portal" collection
    login(client, "redaktion-ruhr")
    listing = client.get(reverse("wagtaildocs:index"))
    assert listing.status_code == 200
    assert placeholder not in visible_text(listing)
    login(client, "portalredaktion")
    assert placeholder in visible_text(client.get(reverse("wagtaildocs:index")))


def test_admin_speaks_german_to_editors(client):
    login(client, "redaktion-ruhr")
    response = client.get(reverse("wagtailadmin_home"))
    assert 'lang="de"' in response.content.decode()
    assert "Abmelden" in visible_text(response)


def test_a_region_created_in_the_admin_gets_its_own_team_and_collection(admin_client, demo_page):
    home = demo_page("")
    data = nested_form_data(
        {
            "title": "Münsterland",
            "slug": "muensterland",
            "intro": "Region im Nordwesten.",
            "body": streamfield([]),
            "key_figures": streamfield([]),
            "contact_links": inline_formset([]),
            "action-publish": "1",
        }
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["regions", "regionpage", home.pk]), data
    )
    assert response.status_code == 302
    region = RegionPage.objects.get(slug="muensterland")
    team = region_team(region)
    assert team.name == "Redaktion Münsterland"
    assert GroupCollectionPermission.objects.filter(group=team, collection__name="Münsterland").exists()
