"""The place filter of the site search: stories (and any page filed under a Place) by place."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import ForeignKey, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, get_page_models

from core.params import parse_positive_int
from core.translation import localize_all
from search.registry import Facet

from .forms import places_with_content, used_keys
from .models import Place


def place_page_models() -> list[type[Page]]:
    """Page types with a ``place`` foreign key to :class:`Place`."""
    models = []
    for model in get_page_models():
        field = next((f for f in model._meta.get_fields() if f.name == "place"), None)
        if isinstance(field, ForeignKey) and field.related_model is Place and not model._meta.abstract:
            models.append(model)
    return models


class PlaceFacet(Facet):
    """Pages filed under a place or any place below it; each result names its place."""

    name = "place"
    label = _("Place")

    def choices(self, locale: Locale) -> list[tuple[str, str]]:
        """Places some live public page is filed under, and the places above them, in tree order,
        indented by level with ideographic spaces, named in ``locale``; one query per page type
        with a place, however many places there are."""
        keys: set = set()
        for model in place_page_models():
            keys |= used_keys(model.objects.live().public(), "place")
        places = places_with_content(keys, locale)
        return [(str(place.pk), "\u3000" * (place.level - 1) + place.name) for place in places]

    def matching_pages(self, value: str) -> Iterable[QuerySet]:
        pk = parse_positive_int(value)
        place = Place.objects.filter(pk=pk).first() if pk else None
        if place is None:
            return []
        keys = Place.objects.subtree_translation_keys(place)
        return [model.objects.filter(place__translation_key__in=keys) for model in place_page_models()]

    def labels(self, pages: list[Page], locale: Locale) -> dict[int, str]:
        by_model: dict[type, list[Page]] = {}
        for page in pages:
            if type(page) in self._models():
                by_model.setdefault(type(page), []).append(page)
        for model_pages in by_model.values():
            prefetch_related_objects(model_pages, "place")
        filed = [page for model_pages in by_model.values() for page in model_pages if page.place is not None]
        places = localize_all([page.place for page in filed], locale)
        return {page.pk: place.name for page, place in zip(filed, places, strict=True)}

    def _models(self) -> set[type]:
        return set(place_page_models())
