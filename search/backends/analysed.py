"""Make every search of analysed models go through search.analysis, and index them with current words.

The search page and the API analyse their queries themselves; Wagtail's admin (page search,
choosers) and other code pass the string as typed, or as PlainText and Phrase objects.
Backends with this mixin analyse such text when the searched model is indexed through
textkit.analysis (every indexed model: pages, documents, images, snippets; see
core.indexing), so 團結 finds 团结 in the admin too. Queries analysed already (AnalysedText)
and searches of models that are not indexed are left alone.

Before indexing, and before analysing a query, the segmenter's custom words are brought up
to date (search.dictionary): the models' analysed fields (core.indexing) sit below search
and cannot do it themselves.
"""

from functools import cache

from django.db.models import QuerySet

from wagtail.search.backends.base import EmptySearchResults
from wagtail.search.index import get_indexed_models
from wagtail.search.query import And, Not, Or, Phrase, PlainText

from core.indexing import is_analysed_model
from search import dictionary
from search.analysis import AnalysedText, analyse_query


@cache
def is_analysed(model) -> bool:
    """True if ``model`` or an indexed model below it is indexed through textkit.analysis."""
    return is_analysed_model(model) or any(
        issubclass(indexed, model) and is_analysed_model(indexed) for indexed in get_indexed_models()
    )


def analysed(query, operator: str = "and"):
    """``query`` (a string or a Wagtail query object) with its text analysed; None if nothing is left."""
    if isinstance(query, AnalysedText):
        return query
    if isinstance(query, (str, Phrase)):
        text = query if isinstance(query, str) else query.query_string
        result = analyse_query(text)
        return None if result.is_empty else result.search_query("or" if operator == "or" else "and")
    if isinstance(query, PlainText):
        return analysed(query.query_string, query.operator)
    if isinstance(query, (And, Or)):
        parts = [part for part in (analysed(sub, operator) for sub in query.subqueries) if part is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, Not):
        inner = analysed(query.subquery, operator)
        return query if inner is None else Not(inner)
    return query  # MatchAll, Fuzzy, Boost: as they are


class AnalysedBackendMixin:
    """Backend mixin: analyse queries on analysed models with the current custom words.

    See the module docstring. Indexing needs nothing here: analysed fields load the words
    themselves (core.indexing.before_analysis, registered by SearchConfig).
    """

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        model = model_or_queryset.model if isinstance(model_or_queryset, QuerySet) else model_or_queryset
        if is_analysed(model) and not isinstance(query, AnalysedText):
            dictionary.ensure_current()
            query = analysed(query, (kwargs.get("operator") or "and").lower())
            if query is None:
                return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
