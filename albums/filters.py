"""The album index's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.translation import localize_all
from stories.models import Place


class AlbumFilterForm(forms.Form):
    """The album index's filters: a year and a place, among those the albums have.

    Places are named in ``locale``'s language where a translation exists (a fixed number of
    queries, however many places).
    """

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    place = forms.TypedChoiceField(label=_("Place"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, albums, locale: Locale | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        years = [day.year for day in albums.dates("date", "year", order="DESC")]
        ids = set(albums.filter(place__isnull=False).order_by().values_list("place_id", flat=True).distinct())
        used = list(Place.objects.filter(pk__in=ids))
        named = localize_all(used, locale) if locale is not None else used
        places = {place.pk: shown.name for place, shown in zip(used, named, strict=True)}
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]
        self.fields["place"].choices = [("", _("All places")), *sorted(places.items(), key=lambda item: item[1])]

    def filter(self, albums):
        """``albums`` narrowed to the valid filters; an unknown value is ignored, not an error."""
        if not self.is_bound or not self.is_valid():
            return albums
        if self.cleaned_data.get("year"):
            albums = albums.filter(date__year=self.cleaned_data["year"])
        if self.cleaned_data.get("place"):
            albums = albums.filter(place_id=self.cleaned_data["place"])
        return albums
