"""The partner directory's filter form: a plain GET form that works without JavaScript."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 100


class DirectoryFilterForm(forms.Form):
    """Filter by region, kind of organisation, field of action and free text.

    Values that are not offered (an old bookmark, a hand-edited URL) are dropped instead of
    failing, so every filter URL shows a result list.
    """

    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("Art der Organisation"), required=False)
    field = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=MAX_QUERY_LENGTH, strip=True)

    def __init__(self, data, *, regions, kinds, fields_of_action):
        super().__init__(data)
        any_choice = [("", _("Alle"))]
        self.fields["region"].choices = any_choice + [(region.slug, region.title) for region in regions]
        self.fields["kind"].choices = any_choice + list(kinds)
        self.fields["field"].choices = any_choice + [(tag.slug, tag.name) for tag in fields_of_action]
        self.regions = {region.slug: region for region in regions}

    def filters(self):
        """The valid filter values; invalid ones are treated as "all"."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def ignored(self):
        """Names of filters whose values were not understood, for a notice above the results."""
        return [str(self.fields[name].label) for name in self.errors]

    def apply(self, organisations):
        filters = self.filters()
        if "region" in filters:
            region = self.regions[filters["region"]]
            organisations = organisations.filter(Q(region=region) | Q(path__startswith=region.path))
        if "kind" in filters:
            organisations = organisations.filter(kind=filters["kind"])
        if "field" in filters:
            organisations = organisations.filter(fields_of_action__slug=filters["field"])
        if "q" in filters:
            text = filters["q"]
            organisations = organisations.filter(
                Q(title__icontains=text)
                | Q(listing_title__icontains=text)
                | Q(intro__icontains=text)
                | Q(services__icontains=text)
                | Q(street_address__icontains=text)
                | Q(locality__icontains=text)
            )
        return organisations.distinct()

    def query_string(self):
        """The valid filters as a query string, to carry the selection to an entry and back."""
        return urlencode(self.filters())
