"""Filters of the news index: region, field of action and year."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import ListingFilterForm
from regions.queries import in_regions


class NewsFilterForm(ListingFilterForm):
    """Filter news by region (filed or assigned), field of action and year."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    thema = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    jahr = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, regions, fields_of_action, years):
        super().__init__(data, regions=regions)
        self.set_choices("thema", [(tag.slug, tag.name) for tag in fields_of_action])
        self.set_choices("jahr", [(str(year), str(year)) for year in years])

    def apply(self, news_items):
        filters = self.filters()
        if region := self.region():
            news_items = in_regions(news_items, [region])
        if "thema" in filters:
            news_items = news_items.filter(fields_of_action__slug=filters["thema"]).distinct()
        if "jahr" in filters:
            news_items = news_items.filter(date__year=filters["jahr"])
        return news_items
