"""The partner directory's filter form."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import ListingFilterForm
from regions.queries import in_regions

MAX_QUERY_LENGTH = 100


class DirectoryFilterForm(ListingFilterForm):
    """Filter by region, kind of organisation, field of action and free text."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("Art der Organisation"), required=False)
    field = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=MAX_QUERY_LENGTH, strip=True)

    def __init__(self, data, *, regions, kinds, fields_of_action):
        super().__init__(data, regions=regions)
        self.set_choices("kind", kinds)
        self.set_choices("field", [(tag.slug, tag.name) for tag in fields_of_action])

    def apply(self, organisations):
        filters = self.filters()
        if region := self.region():
            organisations = in_regions(organisations, [region])
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
