"""Owner and review dates of pages of every type, queried in one statement over all page tables."""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from wagtail.models import Page

from core.models import BasePage
from core.models.pages import REVIEW_FIELDS

REMINDER_INTERVAL = datetime.timedelta(days=7)


def review_page_models():
    """The concrete page models whose own table holds the review fields, i.e. every BasePage type."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and model._meta.get_field("review_by").model is model
    ]


def with_review_fields(pages):
    """Pages of any BasePage type, annotated with review_by, review_owner_id and last_reviewed_on.

    Each field lives in the page type's own table; a LEFT JOIN per type through Wagtail's
    multi-table inheritance and COALESCE pick the one value that exists.
    """
    models = review_page_models()
    content_types = ContentType.objects.get_for_models(*models).values()
    return pages.filter(content_type__in=content_types).annotate(
        **{
            name: Coalesce(*(F(f"{model._meta.model_name}__{name}") for model in models))
            for name in REVIEW_FIELDS
        }
    )


def overdue(today):
    """Condition on annotated pages: the review date has passed."""
    return Q(review_by__lt=today)


def ownerless():
    """Condition on annotated pages: nobody is responsible."""
    return Q(review_owner_id__isnull=True)


def overdue_pages_of(user, today):
    """The live pages a user is responsible for whose review date has passed, most overdue first."""
    return (
        with_review_fields(Page.objects.live())
        .filter(overdue(today), review_owner_id=user.pk)
        .order_by("review_by", "title")
    )
