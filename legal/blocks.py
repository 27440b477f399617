"""Blocks of the accessibility statement."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class NonAccessibleContentBlock(blocks.StructBlock):
    """One part of the website that is not accessible yet: why, and how to get it another way."""

    content = blocks.CharBlock(
        label=_("Inhalt"),
        help_text=_("Welcher Inhalt oder welche Funktion, z. B. „Video in Gebärdensprache“."),
    )
    reason = blocks.ChoiceBlock(
        choices=[
            ("non_compliance", _("Unvereinbarkeit mit den Anforderungen")),
            ("disproportionate_burden", _("Unverhältnismäßige Belastung")),
            ("out_of_scope", _("Nicht im Anwendungsbereich der Vorschriften")),
        ],
        default="non_compliance",
        label=_("Grund"),
    )
    explanation = blocks.TextBlock(label=_("Beschreibung und Begründung"))
    alternative = blocks.TextBlock(
        required=False,
        label=_("Barrierefreie Alternative"),
        help_text=_("Wie Menschen den Inhalt trotzdem erhalten, z. B. als Text oder auf Anfrage."),
    )

    class Meta:
        icon = "warning"
        label = _("Nicht barrierefreier Inhalt")
        template = "components/blocks/non_accessible_content_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["reason_label"] = dict(self.child_blocks["reason"].field.choices).get(value.get("reason"), "")
        return context
