"""Forms: the code from the authenticator app, and image uploads that must really be images."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class TokenForm(forms.Form):
    """The six-digit code from the authenticator app."""

    otp_token = forms.RegexField(
        label=_("Code aus der Authenticator-App"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Bitte geben Sie die sechs Ziffern aus der App ein.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "maxlength": "6",
                "autofocus": True,
            }
        ),
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].strip()


class DecodableImageField(WagtailImageField):
    """Wagtail's image field that also refuses files that only look like images.

    Wagtail recognises the format by its first bytes and then reads the size; a file with a valid
    header but garbage or truncated data would raise from Pillow there (HTTP 500) or later when a
    rendition is made. Decoding it once here turns both into a form error.
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            f.image.get_pillow_image().load()
        except ValidationError:
            raise
        except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError … for broken files
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with the file checked by decoding it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, DecodableImageField):
            self.fields["file"] = DecodableImageField(
                label=field.label, required=field.required, widget=field.widget, max_length=field.max_length
            )
