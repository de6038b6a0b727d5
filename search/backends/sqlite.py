"""Wagtail's SQLite FTS5 backend with a ranked query that runs the match once.

Import only when the default database is SQLite with FTS5 (search.backends.database does):
Wagtail defines the FTS model only then.

Wagtail orders SQLite results with a correlated subquery that runs the FTS5 match again for
every matching row, which grows with the square of the matches (seconds for a common word
on 10,000 stories). Here one statement does the work: the FTS5 match and its bm25() scores
are materialised once, joined to the index entries, kept to the objects of the searched
queryset, ranked, paginated, and counted with a window function, so a page of results and
the total come from the same pass. Unranked searches (order_by_relevance=False), negated
queries and facets keep Wagtail's code.
"""

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from django.db import connections, router
from django.db.models import TextField
from django.db.models.functions import Cast

INTEGER_KEYS = frozenset({"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"})


class RankedQueryMixin:
    """Compiler mixin: a page of (object id, score) rows and the total, in one statement."""

    #: bm25() weights of the FTS5 columns in their table order: autocomplete, body, title.
    COLUMN_WEIGHTS = (1.0, 1.0, 2.0)

    def uses_ranked_query(self) -> bool:
        """False for searches Wagtail's own query handles (unranked, negated, match-all)."""
        return self.order_by_relevance and not isinstance(normalize(self.query), (MatchAll, Not))

    def _statement(self, config) -> tuple[str, list]:
        query = self.build_search_query(normalize(self.query), config=config)
        match_sql, match_params = (
            SQLiteFTSIndexEntry.objects.filter(MatchExpression(self.fields or self.FTS_TABLE_FIELDS, query))
            .values_list("pk")
            .query.sql_with_params()
        )
        model = self.queryset.model
        if model._meta.pk.get_internal_type() in INTEGER_KEYS:
            candidates = self.queryset.order_by().values("pk")
            object_id = 'CAST(e."object_id" AS integer)'
        else:
            candidates = self.queryset.order_by().annotate(_object_id=Cast("pk", TextField())).values("_object_id")
            object_id = 'e."object_id"'
        candidates_sql, candidates_params = candidates.query.sql_with_params()
        content_types = list(get_descendants_content_types_pks(model))
        fts = SQLiteFTSIndexEntry._meta.db_table
        weights = ", ".join(str(weight) for weight in self.COLUMN_WEIGHTS)
        placeholders = ", ".join(["%s"] * len(content_types)) or "NULL"
        # The FTS5 statement Django built is "SELECT <fts>.rowid FROM <fts> WHERE (<fts> MATCH %s)";
        # bm25() must sit in that same SELECT, so its column list is replaced.
        match_from = match_sql[match_sql.index(" FROM ") :]
        sql = (
            f"WITH m AS MATERIALIZED (SELECT {fts}.rowid AS rid, bm25({fts}, {weights}) AS score{match_from}) "  # noqa: S608 - names and compiled SQL only
            f'SELECT e."object_id", m.score, COUNT(*) OVER () FROM m '
            f'JOIN {IndexEntry._meta.db_table} e ON e."id" = m.rid '
            f'WHERE e."content_type_id" IN ({placeholders}) AND {object_id} IN ({candidates_sql}) '
            f"ORDER BY m.score, m.rid DESC LIMIT %s OFFSET %s"
        )
        return sql, [*match_params, *content_types, *candidates_params]

    def ranked_page(self, config, start: int, stop: int | None) -> tuple[list[tuple[str, float]], int | None]:
        """Rows (object id, score) from ``start`` to ``stop`` and the total, or None if unknown.

        The total is unknown only when the page is past the end of the results.
        """
        sql, params = self._statement(config)
        limit = -1 if stop is None else max(0, stop - start)
        connection = connections[router.db_for_read(IndexEntry)]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, start])
            rows = cursor.fetchall()
        total = rows[0][2] if rows else (0 if start == 0 else None)
        return [(str(object_id), score) for object_id, score, _total in rows], total


class RankedSQLiteSearchQueryCompiler(RankedQueryMixin, SQLiteSearchQueryCompiler):
    pass


class RankedSQLiteAutocompleteQueryCompiler(RankedQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchResults(SQLiteSearchResults):
    """Results whose count comes with the first page fetched (the compiler is shared by slices)."""

    def _config(self):
        return self.query_compiler.get_config(self.backend)

    def _do_search(self):
        compiler = self.query_compiler
        if not compiler.uses_ranked_query():
            return super()._do_search()
        rows, total = compiler.ranked_page(self._config(), self.start, self.stop)
        if total is not None:
            compiler._ranked_total = total
        objects = {str(obj.pk): obj for obj in compiler.queryset.filter(pk__in=[row[0] for row in rows])}
        results = []
        for object_id, score in rows:
            obj = objects.get(object_id)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def _do_count(self):
        compiler = self.query_compiler
        if not compiler.uses_ranked_query():
            return super()._do_count()
        total = getattr(compiler, "_ranked_total", None)
        if total is None:
            _rows, total = compiler.ranked_page(self._config(), 0, 1)
            compiler._ranked_total = total
        count = max(0, total - self.start)
        return count if self.stop is None else min(count, self.stop - self.start)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    """Wagtail's SQLite FTS5 backend with the ranked query described in the module docstring."""

    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
