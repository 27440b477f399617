"""The page edit form's "Inhalt geprüft" checkbox, which records a review and sets the next review date."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.utils import get_user_display_name

REVIEW_INTERVAL = datetime.timedelta(days=365)


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
            owner_field.queryset = (
                get_user_model()
                .objects.filter(Q(is_active=True) | Q(pk=self.instance.review_owner_id))
                .order_by("last_name", "first_name", "username")
            )
            owner_field.label_from_instance = get_user_display_name

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
