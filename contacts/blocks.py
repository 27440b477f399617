"""Blocks of organisation pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SupervisoryMemberBlock(blocks.StructBlock):
    """One seat on a supervisory body: the office and the organisation it belongs to."""

    office = blocks.CharBlock(label=_("Amt"), help_text=_("z. B. „Oberbürgermeister“"))
    organisation = blocks.PageChooserBlock(
        page_type="contacts.OrganisationPage", required=False, label=_("Organisation")
    )
    organisation_name = blocks.CharBlock(
        required=False,
        label=_("Organisation (Name)"),
        help_text=_("Nur wenn die Organisation keine eigene Seite im Portal hat."),
    )

    class Meta:
        icon = "group"
        label = _("Mitglied")
