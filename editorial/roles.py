"""The editorial roles as Wagtail groups, collections and one approval workflow, set up idempotently.

Wagtail's page permissions apply to a page and everything below it. So:

* each region's team ("Redaktion <Region>") gets add/edit rights on its region page, which covers the
  region's projects, contacts, organisation, news and events, and its own image/document collection;
* the portal team ("Portalredaktion") gets the same on every shared top-level section (overviews,
  directory, newsletter, legal and Leichte-Sprache pages) but not on the home page itself, because
  a right on the home page would reach into every region;
* the approving team ("Freigabe") gets publish rights on the whole site and every collection.

Nobody but "Freigabe" can publish: everything else goes through the workflow "Redaktion → Freigabe".
A region team is found again by its page permission on the region page, not by its name, so
renaming a region or a group does not create a second team.
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
    "core.view_accessibilityfeedback",
    "core.change_accessibilityfeedback",
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
    for permission in permissions(f"wagtailcore.{codename}" for codename in codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection(group, collection, labels):
    for permission in permissions(labels):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def child_collection(name):
    """A collection directly below the root collection, created when missing."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def region_team(region):
    """The group that edits this region: the one holding edit rights on the region page."""
    change_page = permissions(["wagtailcore.change_page"])[0]
    return (
        Group.objects.filter(page_permissions__page=region, page_permissions__permission=change_page)
        .exclude(name__in=[MODERATORS, PORTAL_EDITORS])
        .order_by("pk")
        .first()
    )


def ensure_region_team(region):
    """The region's editor group with its page rights and its own collection."""
    group = region_team(region)
    if group is None:
        group, _ = Group.objects.get_or_create(name=f"{REGION_EDITORS_PREFIX}{region.title}")
    group.permissions.add(*permissions(ADMIN_ACCESS))
    grant_pages(group, region, EDITOR_PAGE_PERMISSIONS)
    collection = region_collection(group) or child_collection(region.title)
    grant_collection(group, collection, EDITOR_COLLECTION_PERMISSIONS)
    return group


def region_collection(group):
    """The collection a region team works in, if it already has one."""
    permission = group.collection_permissions.select_related("collection").first()
    return permission.collection if permission else None


def ensure_portal_team(home):
    """The portal editors: every shared top-level section, the portal collection, site settings."""
    from regions.models import RegionPage

    group, _ = Group.objects.get_or_create(name=PORTAL_EDITORS)
    group.permissions.add(*permissions(ADMIN_ACCESS + PORTAL_MODEL_PERMISSIONS))
    for section in home.get_children().not_type(RegionPage):
        grant_pages(group, section, EDITOR_PAGE_PERMISSIONS)
    grant_collection(group, child_collection(PORTAL_COLLECTION), EDITOR_COLLECTION_PERMISSIONS)
    return group


def ensure_moderators(home):
    """The approving team: publish rights on the whole site, every collection, redirects."""
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(*permissions(ADMIN_ACCESS + MODERATOR_MODEL_PERMISSIONS))
    grant_pages(group, home, MODERATOR_PAGE_PERMISSIONS)
    grant_collection(group, Collection.get_first_root_node(), MODERATOR_COLLECTION_PERMISSIONS)
    return group


def ensure_workflow(home, moderators):
    """The workflow "Redaktion → Freigabe" on the home page, so it covers every portal page."""
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if home.get_workflow() is None or home.get_workflow().name == WAGTAIL_STARTER_WORKFLOW:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def retire_wagtail_starters():
    """Drop Wagtail's sample groups while nobody is in them, and its sample workflow on the tree root.

    Their rights sit on the tree root and would reach into every region.
    """
    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()
    starter = Workflow.objects.filter(name=WAGTAIL_STARTER_WORKFLOW, active=True).first()
    if starter is not None and not starter.workflow_pages.exclude(page__depth=1).exists():
        starter.deactivate()


@transaction.atomic
def setup_editorial(site=None):
    """Create or complete every group, collection and the workflow; returns the groups by role."""
    from regions.models import RegionPage

    site = site or Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    retire_wagtail_starters()
    moderators = ensure_moderators(home)
    portal = ensure_portal_team(home)
    regions = {region.pk: ensure_region_team(region) for region in RegionPage.objects.descendant_of(home)}
    ensure_workflow(home, moderators)
    return {"moderation": moderators, "portal": portal, "regions": regions}
