"""Filters of the news index: region, field of action and year, as a plain GET form."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NewsFilterForm(forms.Form):
    """Values that are not offered are dropped with a notice instead of failing."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    thema = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    jahr = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, regions, fields_of_action, years):
        super().__init__(data)
        any_choice = [("", _("Alle"))]
        self.fields["region"].choices = any_choice + [(region.slug, region.title) for region in regions]
        self.fields["thema"].choices = any_choice + [(tag.slug, tag.name) for tag in fields_of_action]
        self.fields["jahr"].choices = any_choice + [(str(year), str(year)) for year in years]
        self.regions = {region.slug: region for region in regions}

    def filters(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

    @property
    def ignored(self):
        return [str(self.fields[name].label) for name in self.errors]

    def query_string(self):
        """The valid filters as a query string, kept by the pagination links."""
        return urlencode(self.filters())

    def apply(self, news_items):
        filters = self.filters()
        if "region" in filters:
            region = self.regions[filters["region"]]
            news_items = news_items.filter(Q(path__startswith=region.path) | Q(regions=region)).distinct()
        if "thema" in filters:
            news_items = news_items.filter(fields_of_action__slug=filters["thema"]).distinct()
        if "jahr" in filters:
            news_items = news_items.filter(date__year=filters["jahr"])
        return news_items
