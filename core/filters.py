"""Base of the listings' filter forms: plain GET forms that work without JavaScript.

Values that are not offered (an old bookmark, a hand-edited URL) are dropped instead of failing,
so every filter URL shows a result list, with a notice naming what was ignored.
"""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

ANY = [("", _("Alle"))]


class ListingFilterForm(forms.Form):
    """Subclasses declare their fields, fill the choices in __init__ and implement apply()."""

    def __init__(self, data, *, regions):
        super().__init__(data)
        self.fields["region"].choices = ANY + [(region.slug, region.title) for region in regions]
        self.regions = {region.slug: region for region in regions}

    def set_choices(self, name, choices):
        self.fields[name].choices = ANY + list(choices)

    def filters(self):
        """The valid filter values; invalid ones are treated as "all"."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

    @property
    def ignored(self):
        """Labels of the filters whose values were not understood."""
        return [str(self.fields[name].label) for name in self.errors]

    def query_string(self):
        """The valid filters as a query string, to keep them in links."""
        return urlencode(self.filters())

    def region(self):
        """The chosen region page, or None."""
        return self.regions.get(self.filters().get("region"))
