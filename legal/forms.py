"""The public form „Barriere melden“."""

from django import forms
from django.utils.translation import gettext_lazy as _

from legal.models import AccessibilityFeedback

MESSAGE_MAX_LENGTH = 5000


class AccessibilityFeedbackForm(forms.ModelForm):
    """A reported barrier: the message, the page it is on, optional name and e-mail, and a spam trap."""

    message = forms.CharField(
        label=_("Ihre Meldung (Pflichtfeld)"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beschreiben Sie, was Sie nicht nutzen konnten, z. B. „Das Formular lässt sich nicht mit der "
            "Tastatur bedienen“."
        ),
        error_messages={
            "required": _("Bitte beschreiben Sie die Barriere, die Ihnen begegnet ist."),
            "max_length": _(
                "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
            ),
        },
    )
    page_url = forms.CharField(
        label=_("Seite, auf der die Barriere ist (freiwillig)"),
        required=False,
        max_length=500,
        help_text=_(
            "Die Adresse der Seite. Sie ist schon eingetragen, wenn Sie über den Link der Seite kommen."
        ),
        error_messages={"max_length": _("Die Adresse ist zu lang: höchstens %(limit_value)d Zeichen.")},
    )
    name = forms.CharField(
        label=_("Ihr Name (freiwillig)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Der Name ist zu lang: höchstens %(limit_value)d Zeichen.")},
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse (freiwillig)"),
        required=False,
        max_length=254,
        help_text=_("Nur wenn Sie eine Antwort möchten."),
        error_messages={
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org, oder lassen Sie "
                "das Feld leer."
            )
        },
    )
    website = forms.CharField(label=_("Bitte leer lassen"), required=False)

    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_url", "name", "email"]

    def is_spam(self):
        """Bots fill in every field; people never see the trap field."""
        return bool(self.data.get("website"))
