"""The edit form of every portal page: the responsible person's choices and the "Inhalt geprüft" tick."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.utils import get_user_display_name

REVIEW_INTERVAL = datetime.timedelta(days=365)


def owner_choices(editing_user, current_owner_id):
    """Who can be made responsible: active admin users; for a team member, the own team and publishers.

    A regional editor thus picks colleagues and the approving team, not people of other regions.
    The current owner always stays selectable.
    """
    admins = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__codename="access_admin"), is_active=True
    )
    if editing_user is not None and not editing_user.is_superuser:
        publishers = Q(groups__page_permissions__permission__codename="publish_page")
        admins = admins.filter(Q(groups__in=editing_user.groups.all()) | publishers, is_superuser=False)
    candidates = admins.values("pk")
    return (
        get_user_model()
        .objects.filter(Q(pk__in=candidates) | Q(pk=current_owner_id))
        .order_by("last_name", "first_name", "username")
    )


class ReviewPageForm(WagtailAdminPageForm):
    """Edit form of every portal page: one tick records today's review and schedules the next one."""

    mark_reviewed = forms.BooleanField(
        label=_("Inhalt geprüft – heute als geprüft vermerken"),
        required=False,
        help_text=_(
            "Setzt „Zuletzt geprüft am“ auf heute und, wenn „Prüfen bis“ leer ist oder nicht in der "
            "Zukunft liegt, auf heute in einem Jahr. Gilt gleich beim Speichern, auch ohne Veröffentlichen."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner_field = self.fields.get("review_owner")
        if owner_field is not None:
            owner_field.queryset = owner_choices(self.for_user, self.instance.review_owner_id)
            owner_field.label_from_instance = get_user_display_name
        intro_field = self.fields.get("intro")
        if intro_field is not None:
            self.word_intro(intro_field, self._meta.model)

    @staticmethod
    def word_intro(field, page_type):
        """The page type's own label, help text and requirement for the one intro field."""
        field.required = getattr(page_type, "intro_required", False)
        field.label = getattr(page_type, "intro_label", None) or field.label
        field.help_text = getattr(page_type, "intro_help_text", None) or field.help_text

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("mark_reviewed"):
            today = timezone.localdate()
            cleaned_data["last_reviewed_on"] = today
            if not cleaned_data.get("review_by") or cleaned_data["review_by"] <= today:
                cleaned_data["review_by"] = today + REVIEW_INTERVAL
        reviewed_on, review_by = cleaned_data.get("last_reviewed_on"), cleaned_data.get("review_by")
        if reviewed_on and review_by and review_by < reviewed_on:
            self.add_error(
                "review_by",
                _("„Prüfen bis“ darf nicht vor dem Datum der letzten Prüfung (%(date)s) liegen.")
                % {"date": reviewed_on.strftime("%d.%m.%Y")},
            )
        return cleaned_data
