"""Wagtail's SQLite FTS5 backend with a ranked query that runs the match once.

Import only when the default database is SQLite with FTS5 (search.backends.database does):
Wagtail defines the FTS model only then.

Wagtail orders SQLite results with a correlated subquery that runs the FTS5 match again for
every matching row, which grows with the square of the matches (seconds for a common word
on 10,000 stories). Here the match runs once: the FTS5 table is joined to the index entries,
restricted to the objects of the searched queryset, ranked by bm25() and paginated in SQL;
then the page of objects is fetched by id. Unranked searches (order_by_relevance=False),
negated queries and facets keep Wagtail's code.
"""

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from django.db.models import BigIntegerField, FloatField, Func, TextField
from django.db.models.functions import Cast

INTEGER_KEYS = frozenset({"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"})


class RankedQueryMixin:
    """Compiler mixin: the matching index entries, ranked, with the queryset's filters applied."""

    #: bm25() weights of the FTS5 columns in their table order: autocomplete, body, title.
    COLUMN_WEIGHTS = (1.0, 1.0, 2.0)

    def ranked_entries(self, config):
        """(object_id, score) rows, best first, or None when Wagtail's own query must be used."""
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        candidates = (
            self.queryset.order_by().annotate(_search_object_id=Cast("pk", TextField())).values("_search_object_id")
        )
        table = SQLiteFTSIndexEntry._meta.db_table
        weights = ", ".join(str(weight) for weight in self.COLUMN_WEIGHTS)
        score = Func(template=f"bm25({table}, {weights})", output_field=FloatField())
        if self.queryset.model._meta.pk.get_internal_type() in INTEGER_KEYS:
            tie_break = Cast("index_entry__object_id", BigIntegerField()).desc()
        else:
            tie_break = "-index_entry__object_id"
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                index_entry__object_id__in=candidates,
            )
            .annotate(score=score)
            .order_by("score", tie_break)
            .values_list("index_entry__object_id", "score")
        )


class RankedSQLiteSearchQueryCompiler(RankedQueryMixin, SQLiteSearchQueryCompiler):
    pass


class RankedSQLiteAutocompleteQueryCompiler(RankedQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _ranked(self):
        return self.query_compiler.ranked_entries(self.query_compiler.get_config(self.backend))

    def _do_search(self):
        ranked = self._ranked()
        if ranked is None:
            return super()._do_search()
        rows = list(ranked[self.start : self.stop])
        objects = {str(obj.pk): obj for obj in self.query_compiler.queryset.filter(pk__in=[row[0] for row in rows])}
        results = []
        for object_id, score in rows:
            obj = objects.get(object_id)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def _do_count(self):
        ranked = self._ranked()
        if ranked is None:
            return super()._do_count()
        count = max(0, ranked.count() - self.start)
        return count if self.stop is None else min(count, self.stop - self.start)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    """Wagtail's SQLite FTS5 backend with the ranked query described in the module docstring."""

    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
