"""Which changes invalidate the page cache: every saved, deleted or re-linked model except the few
that never reach a public page (log entries, sessions, renditions, search statistics, form
submissions ...), plus Wagtail's publish, unpublish and move signals (moves and bulk unpublishing
update rows without ``post_save``).

Over-invalidating is harmless, missing a change is not: a new model invalidates unless its app
lists it as not public, in ``non_public_models`` on its AppConfig (e.g. newsletter subscribers).
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from pagecache.generation import bump_generation

# Models of Django, Wagtail and other libraries whose rows never appear on a public page. Some are
# written while an anonymous visitor's request is served (renditions, search hit counts, embeds,
# login attempts): they must not invalidate, or every visitor would empty the cache.
NON_PUBLIC_APPS = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "otp_static",
    "otp_totp",
    "sessions",
    "wagtailadmin",
    "wagtailembeds",
    "wagtailforms",
    "wagtailsearch",
    "wagtailusers",
}
NON_PUBLIC_MODELS = {
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.groupsitepermission",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailimages.rendition",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
}


def non_public_labels():
    """Lower-case labels of every model whose changes leave public pages as they are."""
    labels = set(NON_PUBLIC_MODELS)
    for config in apps.get_app_configs():
        if config.label in NON_PUBLIC_APPS:
            labels.update(model._meta.label_lower for model in config.get_models())
        labels.update(f"{config.label}.{name.lower()}" for name in getattr(config, "non_public_models", ()))
    # Renditions of a custom image model (WAGTAILIMAGES_IMAGE_MODEL) are written while pages render.
    for model in apps.get_models():
        if model._meta.label_lower not in labels and is_rendition(model):
            labels.add(model._meta.label_lower)
    return labels


def is_rendition(model):
    from wagtail.images.models import AbstractRendition

    return issubclass(model, AbstractRendition)


class Invalidator:
    """Schedules a new generation after the transaction that changed content commits.

    After the commit, not before: a request between the bump and the commit would otherwise cache
    the old content under the new generation.
    """

    def __init__(self):
        self._ignored = None

    def ignored(self):
        if self._ignored is None:
            self._ignored = non_public_labels()
        return self._ignored

    def model_changed(self, sender, **kwargs):
        if sender._meta.label_lower not in self.ignored():
            transaction.on_commit(bump_generation, using=kwargs.get("using"))

    def m2m_changed(self, sender, action, **kwargs):
        if action.startswith("post_"):
            self.model_changed(sender, **kwargs)

    def page_changed(self, sender, **kwargs):
        transaction.on_commit(bump_generation)


invalidator = Invalidator()


def connect_signals():
    for signal in (post_save, post_delete):
        signal.connect(invalidator.model_changed, dispatch_uid=f"pagecache-{id(signal)}")
    m2m_changed.connect(invalidator.m2m_changed, dispatch_uid="pagecache-m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidator.page_changed, dispatch_uid=f"pagecache-{id(signal)}")
