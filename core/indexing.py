"""Give models an analysed search index: every text field goes through textkit.analysis.

A model that mixes in :class:`AnalysedSearchMixin` (BasePage does, so every page type does,
and so does the document model) keeps declaring ``search_fields`` the usual Wagtail way.
Every other indexed model (Wagtail's image model, snippets such as places) is analysed too:
:func:`analyse_every_indexed_model` runs when the apps are ready, so a model the admin
searches cannot be left out by forgetting a mixin.
Each ``SearchField`` and ``AutocompleteField``, including those inside ``RelatedFields``
(a story's place, ethnic groups and themes), is indexed as the space-joined tokens of
:func:`textkit.analysis.analyse`, under its own name, so boosts and field names work on every
backend. Filter fields are untouched.

The segmenter's custom words live in the database and are search's business; this layer
knows nothing of search, so search registers a callback (:func:`before_analysis`) that
brings the words up to date before any value is analysed, whichever command or backend
does the indexing.
"""

import logging
from collections.abc import Callable

from wagtail.models import Page
from wagtail.search import index
from wagtail.search.index import get_indexed_models

from textkit.analysis import analyse
from textkit.normalise import find_private_use

logger = logging.getLogger(__name__)

_before_analysis: list[Callable[[], None]] = []


def before_analysis(callback: Callable[[], None]) -> Callable[[], None]:
    """Register ``callback`` to run before a field value is analysed for the index.

    It runs for every analysed value, so it must be cheap when there is nothing to do
    (search.dictionary.ensure_current checks a cached version at most every 30 s).
    Registering the same callback twice has no effect. Returns the callback.
    """
    if callback not in _before_analysis:
        _before_analysis.append(callback)
    return callback


def _analysed_value(field: index.BaseField, obj, value):
    # Wagtail's database backends read every field once for the title, once for the body and
    # once for autocomplete: analyse each value once per object.
    cache = obj.__dict__.setdefault("_analysed_search_values", {})
    key = (type(field).__name__, field.field_name)
    cached = cache.get(key)
    if cached is not None and cached[0] == value:
        return cached[1]
    for callback in _before_analysis:
        callback()
    for text in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(text, str) and find_private_use(text):
            logger.warning(
                "%s %r: field %r holds text in a private-use encoding, which is left out of the search index.",
                type(obj).__name__,
                getattr(obj, "pk", None),
                field.field_name,
            )
            break
    analysed = analyse(value)
    cache[key] = (value, analysed)
    return analysed


class AnalysedSearchField(index.SearchField):
    """A SearchField whose value is indexed as analysed tokens."""

    def get_value(self, obj):
        return _analysed_value(self, obj, super().get_value(obj))


class AnalysedAutocompleteField(index.AutocompleteField):
    """An AutocompleteField whose value is indexed as analysed tokens (prefixes then match words)."""

    def get_value(self, obj):
        return _analysed_value(self, obj, super().get_value(obj))


def analysed_field(field):
    """The analysed equivalent of a ``search_fields`` entry (filter fields are returned as they are)."""
    if isinstance(field, (AnalysedSearchField, AnalysedAutocompleteField)):
        return field
    if isinstance(field, index.SearchField):
        return AnalysedSearchField(field.field_name, boost=field.boost, **field.kwargs)
    if isinstance(field, index.AutocompleteField):
        return AnalysedAutocompleteField(field.field_name, **field.kwargs)
    if isinstance(field, index.RelatedFields):
        return index.RelatedFields(field.field_name, [analysed_field(sub_field) for sub_field in field.fields])
    return field


_analysed_fields_cache: dict[type, list] = {}


class AnalysedSearchMixin:
    """Index every search field of the model through textkit.analysis (see the module docstring)."""

    @classmethod
    def get_search_fields(cls):
        fields = super().get_search_fields()
        if cls not in _analysed_fields_cache:
            _analysed_fields_cache[cls] = [analysed_field(field) for field in fields]
        return _analysed_fields_cache[cls]

    def search_text_private_use(self) -> list[str]:
        """Runs of private-use characters in this object's searchable text (to warn editors)."""
        found: list[str] = []
        for field in type(self).get_search_fields():
            if isinstance(field, index.SearchField):
                value = index.SearchField.get_value(field, self)
                for text in value if isinstance(value, (list, tuple)) else [value]:
                    if isinstance(text, str):
                        found.extend(find_private_use(text))
        return found


_analysed_models: set[type] = set()


def analyse_search_fields(model: type) -> None:
    """Index ``model``'s ``search_fields`` through textkit.analysis, as the mixin does.

    For indexed models Shiliu cannot give the mixin (Wagtail's own image model) or did not:
    its ``search_fields`` are replaced by their analysed equivalents. Idempotent.
    """
    if issubclass(model, AnalysedSearchMixin) or model in _analysed_models:
        return
    model.search_fields = [analysed_field(field) for field in model.search_fields]
    _analysed_models.add(model)


def analyse_every_indexed_model() -> None:
    """Apply :func:`analyse_search_fields` to every indexed model (called by CoreConfig.ready).

    Page types are left to BasePage's mixin: Wagtail's own ``Page.search_fields`` must stay
    as they are, since Wagtail checks that page types extend them (wagtailsearch.W001).
    """
    for model in get_indexed_models():
        if not issubclass(model, Page):
            analyse_search_fields(model)


def is_analysed_model(model: type) -> bool:
    """True if ``model``'s search fields are indexed through textkit.analysis."""
    return issubclass(model, AnalysedSearchMixin) or model in _analysed_models
