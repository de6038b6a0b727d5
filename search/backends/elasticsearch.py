"""Elasticsearch 8 (or 9, through its REST compatibility with 8) for text analysed by Shiliu.

Text reaches Elasticsearch already analysed (textkit.analysis): tokens separated by spaces.
The index therefore splits on whitespace and lowercases, and nothing else: the standard
analyser would cut Chinese words back into single characters. Autocomplete keeps
Wagtail's edge n-grams, built on whole tokens.

If Elasticsearch cannot be reached, or answers with an error, a search is run on the
backend named by FALLBACK (the database index, which settings keep up to date alongside)
and a warning is logged; for RETRY_AFTER seconds further searches go straight to the
fallback rather than wait for a timeout each time.
"""

import logging
import time
from copy import deepcopy

from elastic_transport import ApiError, TransportError
from modelsearch.backends.elasticsearchbase import ElasticsearchAutocompleteQueryCompilerImpl

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)
from wagtail.search.utils import deep_update

from search.backends.analysed import AnalysedBackendMixin

logger = logging.getLogger(__name__)

#: The analyser for pre-analysed text: split on whitespace, lower case, nothing more.
PRETOKENIZED_ANALYZER = "shiliu_pretokenized"
_PRETOKENIZED = {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}

#: Merged over Wagtail's index settings.
INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                # "default" applies to every text field without an analyser of its own,
                # including _all_text and the boosted copies, at index and at search time.
                "default": _PRETOKENIZED,
                PRETOKENIZED_ANALYZER: _PRETOKENIZED,
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "ngram"],
                },
            },
        },
    }
}

ES_ERRORS = (TransportError, ApiError)
DEFAULT_RETRY_AFTER = 30.0

# When each cluster (by its host list) last failed: shared by the backend instances that
# get_search_backend() creates for every search.
_down_until: dict[str, float] = {}


class ShiliuElasticsearchMapping(Elasticsearch8Mapping):
    """Wagtail's mapping, with autocomplete queries split on whitespace like the indexed text."""

    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": PRETOKENIZED_ANALYZER}


class ShiliuSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = ShiliuElasticsearchMapping


class ShiliuAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = ShiliuElasticsearchMapping


class FallbackSearchResults(Elasticsearch8SearchResults):
    """Search results that come from the fallback backend when Elasticsearch fails."""

    def _fallback_results(self):
        fallback = self.backend.get_fallback_backend()
        compiler = self.query_compiler
        is_autocomplete = isinstance(compiler, ElasticsearchAutocompleteQueryCompilerImpl)
        method = fallback.autocomplete if is_autocomplete else fallback.search
        results = method(
            compiler.query, compiler.queryset, fields=compiler.fields, order_by_relevance=compiler.order_by_relevance
        )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results[self.start : self.stop]

    def _with_fallback(self, from_elasticsearch, from_fallback):
        if self.backend.is_down() and self.backend.fallback_name:
            return from_fallback(self._fallback_results())
        try:
            return from_elasticsearch()
        except ES_ERRORS as error:
            if not self.backend.fallback_name:
                raise
            self.backend.mark_down(error)
            return from_fallback(self._fallback_results())

    def _do_search(self):
        return self._with_fallback(lambda: list(super(FallbackSearchResults, self)._do_search()), list)

    def _do_count(self):
        return self._with_fallback(super()._do_count, lambda results: results.count())

    def facet(self, field_name):
        return self._with_fallback(
            lambda: super(FallbackSearchResults, self).facet(field_name), lambda results: results.facet(field_name)
        )


class ShiliuElasticsearchBackend(AnalysedBackendMixin, Elasticsearch8SearchBackend):
    """Elasticsearch 8 with index settings for pre-analysed text and a database fallback.

    Extra settings: FALLBACK (the WAGTAILSEARCH_BACKENDS alias to search when Elasticsearch
    fails; empty to raise instead) and RETRY_AFTER (seconds before trying Elasticsearch again).
    """

    mapping_class = ShiliuElasticsearchMapping
    query_compiler_class = ShiliuSearchQueryCompiler
    autocomplete_query_compiler_class = ShiliuAutocompleteQueryCompiler
    results_class = FallbackSearchResults
    settings = deep_update(deepcopy(Elasticsearch8SearchBackend.settings), deepcopy(INDEX_SETTINGS))

    def __init__(self, params):
        params = dict(params)
        self.fallback_name = params.pop("FALLBACK", "")
        self.retry_after = float(params.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        super().__init__(params)
        self.cluster_key = repr(self.hosts)

    def get_fallback_backend(self):
        """The backend searched while Elasticsearch is unavailable."""
        return get_search_backend(self.fallback_name)

    def is_down(self) -> bool:
        """True while Elasticsearch failed less than RETRY_AFTER seconds ago."""
        return _down_until.get(self.cluster_key, 0.0) > time.monotonic()

    def mark_down(self, error: Exception) -> None:
        """Log the failure and send searches to the fallback for a while."""
        logger.warning(
            "Elasticsearch is unavailable (%s: %s); searching the %r backend instead for %s seconds.",
            type(error).__name__,
            error,
            self.fallback_name,
            self.retry_after,
        )
        _down_until[self.cluster_key] = time.monotonic() + self.retry_after


SearchBackend = ShiliuElasticsearchBackend
