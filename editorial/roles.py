"""The editorial roles as Wagtail groups, collections and one approval workflow, set up idempotently.

Wagtail's page permissions apply to a page and everything below it. So:

* each region's team ("Redaktion <Region>") gets add/edit rights on its region page, which covers the
  region's projects, contacts, organisation, news and events, and its own image/document collection;
* the portal team ("Portalredaktion") gets the same on every shared top-level section (overviews,
  directory, newsletter, legal and Leichte-Sprache pages) but not on the home page itself, because
  a right on the home page would reach into every region;
* the approving team ("Freigabe") gets publish rights on the whole site and every collection.

Nobody but "Freigabe" can publish: everything else goes through the workflow "Redaktion → Freigabe".
Every team is found again by the rights it holds (a region team by its edit right on the region
page, "Freigabe" by its publish right on the home page, the portal team by its rights on the shared
sections), not by its name, so renaming a region or a group does not create a second team.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from regions.models import RegionPage

MODERATORS = "Freigabe"
PORTAL_EDITORS = "Portalredaktion"
REGION_EDITORS_PREFIX = "Redaktion "
PORTAL_COLLECTION = "Portal"
WORKFLOW_NAME = "Redaktion → Freigabe"
APPROVAL_TASK_NAME = "Freigabe"
WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]
WAGTAIL_STARTER_WORKFLOW = "Moderators approval"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Wagtail checks image rights on wagtailimages.Image, also for the portal's own image model.
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
MODERATOR_COLLECTION_PERMISSIONS = [
    *EDITOR_COLLECTION_PERMISSIONS,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
]
ADMIN_ACCESS = ["wagtailadmin.access_admin"]
PORTAL_MODEL_PERMISSIONS = [
    "core.change_portalsettings",
    "newsletter.change_newslettersettings",
    "legal.view_accessibilityfeedback",
    "legal.change_accessibilityfeedback",
    "wagtailsearchpromotions.add_query",
    "wagtailsearchpromotions.change_query",
    "wagtailsearchpromotions.delete_query",
]
MODERATOR_MODEL_PERMISSIONS = [
    *PORTAL_MODEL_PERMISSIONS,
    "newsletter.view_subscriber",
    "newsletter.change_subscriber",
    "newsletter.delete_subscriber",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
]


def permissions(labels):
    """Permission objects for "app_label.codename" strings; a missing one is a programming error."""
    found = []
    for label in labels:
        app_label, codename = label.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def grant_pages(group, page, codenames):
    """Give a group these page permissions on a page (and so on everything below it)."""
    for permission in permissions(f"wagtailcore.{codename}" for codename in codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection(group, collection, labels):
    """Give a group these image/document permissions ("app.codename") in a collection."""
    for permission in permissions(labels):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def child_collection(name):
    """A collection directly below the root collection, created when missing."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def groups_with_page_right(pages, codename):
    """Groups holding a page permission (e.g. "change_page") on one of the given pages itself."""
    return Group.objects.filter(
        page_permissions__page__in=pages,
        page_permissions__permission__content_type__app_label="wagtailcore",
        page_permissions__permission__codename=codename,
    ).order_by("pk")


def region_team(region):
    """The group that edits this region: the one holding edit rights on the region page itself."""
    return groups_with_page_right([region], "change_page").first()


def free_group(name, qualifier):
    """A group to give new rights to: `name`, or `name (qualifier)` if `name` already serves pages."""
    existing = Group.objects.filter(name=name).first()
    if existing is not None and existing.page_permissions.exists():
        name = f"{name} ({qualifier})"
    return Group.objects.get_or_create(name=name)[0]


def free_collection(name, qualifier):
    """A collection for a new team: `name`, or `name (qualifier)` if a team already works in `name`."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing is not None and GroupCollectionPermission.objects.filter(collection=existing).exists():
        name = f"{name} ({qualifier})"
    return child_collection(name)


def ensure_region_team(region):
    """The region's editor group with its page rights and its own collection.

    A copied region starts with the original's title; the slug then tells the new team and
    collection apart, so the copy is never handed to the original region's team.
    """
    group = region_team(region) or free_group(f"{REGION_EDITORS_PREFIX}{region.title}", region.slug)
    group.permissions.add(*permissions(ADMIN_ACCESS))
    grant_pages(group, region, EDITOR_PAGE_PERMISSIONS)
    collection = region_collection(group) or free_collection(region.title, region.slug)
    grant_collection(group, collection, EDITOR_COLLECTION_PERMISSIONS)
    return group


def region_collection(group):
    """The collection a region team works in, if it already has one."""
    permission = group.collection_permissions.select_related("collection").first()
    return permission.collection if permission else None


def shared_sections(home):
    """The top-level pages below the home page that belong to no region."""
    return home.get_children().not_type(RegionPage)


def ensure_portal_team(home, moderators):
    """The portal editors: every shared top-level section, the portal collection, site settings."""
    sections = shared_sections(home)
    group = groups_with_page_right(sections, "change_page").exclude(pk=moderators.pk).first()
    group = group or Group.objects.get_or_create(name=PORTAL_EDITORS)[0]
    group.permissions.add(*permissions(ADMIN_ACCESS + PORTAL_MODEL_PERMISSIONS))
    for section in sections:
        grant_pages(group, section, EDITOR_PAGE_PERMISSIONS)
    grant_collection(group, child_collection(PORTAL_COLLECTION), EDITOR_COLLECTION_PERMISSIONS)
    return group


def ensure_moderators(home):
    """The approving team: publish rights on the whole site, every collection, redirects."""
    group = groups_with_page_right([home], "publish_page").first()
    group = group or Group.objects.get_or_create(name=MODERATORS)[0]
    group.permissions.add(*permissions(ADMIN_ACCESS + MODERATOR_MODEL_PERMISSIONS))
    grant_pages(group, home, MODERATOR_PAGE_PERMISSIONS)
    grant_collection(group, Collection.get_first_root_node(), MODERATOR_COLLECTION_PERMISSIONS)
    return group


def ensure_workflow(home, moderators):
    """The workflow "Redaktion → Freigabe" on the home page, so it covers every portal page.

    The workflow assigned to the home page is kept (whatever it is called now), switched on again
    if someone switched it off, and its first task is approved by the moderators.
    """
    assigned = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    workflow = assigned.workflow if assigned else Workflow.objects.filter(name=WORKFLOW_NAME).first()
    workflow = workflow or Workflow.objects.create(name=WORKFLOW_NAME)
    workflow_task = workflow.workflow_tasks.order_by("sort_order").select_related("task").first()
    task = workflow_task.task.specific if workflow_task else None
    if not isinstance(task, GroupApprovalTask):
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for switched_off in (workflow, task):
        if not switched_off.active:
            switched_off.active = True
            switched_off.save(update_fields=["active"])
    task.groups.add(moderators)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def retire_wagtail_starters():
    """Drop Wagtail's sample groups while nobody is in them, and its sample workflow on the tree root.

    Their rights sit on the tree root and would reach into every region; a sample group that
    has members is kept, and a warning names it.
    """
    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()
    starter = Workflow.objects.filter(name=WAGTAIL_STARTER_WORKFLOW, active=True).first()
    if starter is not None and not starter.workflow_pages.exclude(page__depth=1).exists():
        starter.deactivate()
    kept = Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, page_permissions__page__depth=1).distinct()
    return [
        f"Gruppe „{group.name}“ hat noch Mitglieder und Rechte auf dem ganzen Seitenbaum, auch in allen "
        "Regionen; Mitglieder in die Redaktionsgruppen verschieben, dann entfernt setup_editorial sie."
        for group in kept
    ]


@transaction.atomic
def setup_editorial(site=None):
    """Create or complete every group, collection and the workflow; returns the groups by role.

    Teams are found again by the rights they hold (not by name), so renaming a group or a region
    in the admin does not create a second team.
    """
    site = site or Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    warnings = retire_wagtail_starters()
    moderators = ensure_moderators(home)
    portal = ensure_portal_team(home, moderators)
    regions = {region.pk: ensure_region_team(region) for region in RegionPage.objects.descendant_of(home)}
    ensure_workflow(home, moderators)
    return {"moderation": moderators, "portal": portal, "regions": regions, "warnings": warnings}
