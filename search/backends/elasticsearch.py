"""Elasticsearch 8 (or 9, through its REST compatibility with 8) for text analysed by Shiliu.

Text reaches Elasticsearch already analysed (textkit.analysis): casefolded tokens separated by
spaces. Every text field of an analysed model is therefore indexed and searched with the
built-in ``whitespace`` analyser, and nothing else: the standard analyser would cut Chinese
words back into single characters. Autocomplete's edge n-grams (Wagtail's: 1 to 15 characters
from the start of each token) are made here, in Python, like every other token, rather than by
an ``edge_ngram`` filter. So the index settings use no part of Elasticsearch's analysis-common
module: the same settings work on a full distribution and on the integ-test distribution from
Maven Central that the tests run (scripts/elasticsearch.py), which ships without that module.
Models that textkit does not analyse (images, users) keep the built-in ``standard`` analyser.

If Elasticsearch cannot be reached, or answers with an error, a search is run on the
backend named by FALLBACK (the database index, which settings keep up to date alongside)
and a warning is logged; for RETRY_AFTER seconds further searches go straight to the
fallback rather than wait for a timeout each time, then Elasticsearch is tried again.

``manage.py update_index`` rebuilds through Wagtail's atomic rebuilder (ATOMIC_REBUILD, on by
default): a new index is filled beside the live one, then the alias moves to it in one step.
"""

import logging
import time
from functools import cached_property

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

from search.backends.analysed import AnalysedBackendMixin, is_analysed

logger = logging.getLogger(__name__)

#: The analyser for pre-analysed text: Elasticsearch's built-in one that splits on whitespace.
PRETOKENIZED_ANALYZER = "whitespace"
#: The analyser for models that textkit does not analyse (Elasticsearch's default).
UNANALYSED_ANALYZER = "standard"
#: Wagtail's edge n-gram filter keeps prefixes of 1 to 15 characters.
EDGE_NGRAM_MAX = 15

#: Index settings: nothing beyond Elasticsearch's defaults (analysers are set per field).
INDEX_SETTINGS: dict = {"settings": {}}


def edge_ngrams(text) -> str:
    """The prefixes of 1 to EDGE_NGRAM_MAX characters of each whitespace-separated, casefolded token.

    ``edge_ngrams("团结 Naadam")`` is ``"团 团结 n na naa naad naada naadam"``; None gives "".
    """
    if text is None:
        return ""
    prefixes = []
    for token in str(text).casefold().split():
        prefixes.extend(token[:length] for length in range(1, min(len(token), EDGE_NGRAM_MAX) + 1))
    return " ".join(prefixes)


ES_ERRORS = (TransportError, ApiError)
DEFAULT_RETRY_AFTER = 30.0

# When each cluster (by its host list) last failed: shared by the backend instances that
# get_search_backend() creates for every search.
_down_until: dict[str, float] = {}


class ShiliuElasticsearchMapping(Elasticsearch8Mapping):
    """Wagtail's mapping with an analyser on every text field and edge n-grams made in Python."""

    @cached_property
    def analyzer(self) -> str:
        return PRETOKENIZED_ANALYZER if is_analysed(self.model) else UNANALYSED_ANALYZER

    @property
    def edgengram_analyzer_config(self) -> dict:
        # The indexed prefixes are made by edge_ngrams(); a query is split like the indexed text.
        return {"analyzer": PRETOKENIZED_ANALYZER, "search_analyzer": self.analyzer}

    def get_mapping(self):
        mapping = super().get_mapping()

        def set_analyzer(properties):
            for field in properties.values():
                if field["type"] == "text":
                    field.setdefault("analyzer", self.analyzer)
                elif field["type"] == "nested":
                    set_analyzer(field["properties"])

        set_analyzer(mapping["properties"])
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        for name, value in document.items():
            if name.endswith("_edgengrams"):
                values = value if isinstance(value, list) else [value]
                document[name] = [ngrams for ngrams in map(edge_ngrams, values) if ngrams]
        return document


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
    fails; empty to raise instead) and RETRY_AFTER (seconds before trying Elasticsearch again,
    default DEFAULT_RETRY_AFTER).
    """

    mapping_class = ShiliuElasticsearchMapping
    query_compiler_class = ShiliuSearchQueryCompiler
    autocomplete_query_compiler_class = ShiliuAutocompleteQueryCompiler
    results_class = FallbackSearchResults
    # Replaces Wagtail's settings, whose n-gram filters need the analysis-common module.
    settings = INDEX_SETTINGS

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
