"""The filters residents use on a story index; bad values are reported, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.translation import localized_snippets

from .models.taxonomy import EthnicGroup, Place, Theme


def tree_order(places: list[Place]) -> list[Place]:
    """Places depth first, each followed by the places below it, for an indented list."""
    parent_keys = dict(Place.objects.filter(pk__in=[p.pk for p in places]).values_list("pk", "parent__translation_key"))
    keys = {place.translation_key for place in places}
    children: dict = {}
    for place in places:
        parent_key = parent_keys.get(place.pk)
        children.setdefault(parent_key if parent_key in keys else None, []).append(place)
    ordered: list[Place] = []

    def visit(parent_key) -> None:
        for place in children.get(parent_key, []):
            ordered.append(place)
            visit(place.translation_key)

    visit(None)
    return ordered


class StoryFilterForm(forms.Form):
    """Theme, place (with everything below it), ethnic group and year."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    group = forms.ChoiceField(label=_("Ethnic group"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, locale: Locale, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        everything = [("", _("All"))]
        self.places = {str(place.pk): place for place in tree_order(localized_snippets(Place, locale))}
        self.fields["theme"].choices = everything + [(t.slug, t.name) for t in localized_snippets(Theme, locale)]
        self.fields["place"].choices = everything + [
            (pk, "\u3000" * (place.level - 1) + place.name) for pk, place in self.places.items()
        ]
        self.fields["group"].choices = everything + [(g.code, g.name) for g in localized_snippets(EthnicGroup, locale)]
        self.fields["year"].choices = everything + [(year, str(year)) for year in years]

    def story_filters(self) -> dict:
        """Keyword arguments for StoryQuerySet.filtered."""
        data = self.cleaned_data
        place = self.places.get(data.get("place") or "")
        return {
            "theme": data.get("theme") or "",
            "place_keys": Place.objects.subtree_translation_keys(place) if place else None,
            "group": data.get("group") or "",
            "year": data.get("year"),
        }
