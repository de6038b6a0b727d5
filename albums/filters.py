"""The album index's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AlbumFilterForm(forms.Form):
    """The album index's filters: a year and a place, among those the albums have."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    place = forms.TypedChoiceField(label=_("Place"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, albums, **kwargs):
        super().__init__(*args, **kwargs)
        years = [day.year for day in albums.dates("date", "year", order="DESC")]
        places = dict(albums.filter(place__isnull=False).values_list("place_id", "place__name").distinct())
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
