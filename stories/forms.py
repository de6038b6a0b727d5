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


def used_keys(pages, field: str) -> set:
    """Translation keys of the snippets ``pages`` are filed under through ``field``, in one query.

    Args:
        pages: a page queryset (the live stories of an index, say).
        field: a foreign key or many-to-many field to a translatable snippet ("themes", "place").
    Returns:
        The distinct translation keys, None left out; translations share their source's key, so a
        Mongolian story filed under the Chinese theme counts for the Mongolian theme too.
    """
    keys = pages.order_by().values_list(f"{field}__translation_key", flat=True).distinct()
    return {key for key in keys if key is not None}


def places_with_content(keys: set, locale: Locale) -> list[Place]:
    """The places with content (``keys``) and the places above them, named in ``locale``, in tree order."""
    return tree_order(localized_snippets(Place, locale, Place.objects.with_ancestor_keys(keys)))


class StoryFilterForm(forms.Form):
    """Theme, place (with everything below it), ethnic group and year: only values some story has.

    Each value is named in the page's language where a translation exists. The values come from
    ``stories`` with one query per filter, however many values there are.
    """

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    group = forms.ChoiceField(label=_("Ethnic group"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, locale: Locale, years: list[int], stories, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        everything = [("", _("All"))]
        self.places = {str(place.pk): place for place in places_with_content(used_keys(stories, "place"), locale)}
        themes = localized_snippets(Theme, locale, used_keys(stories, "themes"))
        groups = localized_snippets(EthnicGroup, locale, used_keys(stories, "ethnic_groups"))
        self.fields["theme"].choices = everything + [(t.slug, t.name) for t in themes]
        self.fields["place"].choices = everything + [
            (pk, "\u3000" * (place.level - 1) + place.name) for pk, place in self.places.items()
        ]
        self.fields["group"].choices = everything + [(g.code, g.name) for g in groups]
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
