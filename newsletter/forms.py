from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    """E-mail, explicit consent, and a hidden trap field that people leave empty and bots fill in."""

    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    consent = forms.BooleanField(
        label=_("Ich willige ein (Wortlaut oben)."),
        error_messages={
            "required": _("Ohne Ihre Einwilligung dürfen wir Ihnen den Newsletter nicht senden.")
        },
    )
    website = forms.CharField(label=_("Bitte leer lassen"), required=False)

    def is_spam(self):
        return bool(self.data.get("website"))


class UnsubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
