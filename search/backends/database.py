"""Wagtail's database search backend; on SQLite FTS5, with a ranked query that scales.

Configure it as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database".
On PostgreSQL (use SEARCH_CONFIG "simple": tokens are analysed already) and MySQL this is
Wagtail's backend; on SQLite with FTS5 it is search.backends.sqlite's subclass. Either way
string queries on analysed models are analysed first (search.backends.analysed), so the admin's
page search and choosers understand Chinese and Mongolian too.
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as wagtail_database_backend

from search.backends.analysed import AnalysedBackendMixin


@cache
def _with_analysis(backend_class: type) -> type:
    return type(f"Analysed{backend_class.__name__}", (AnalysedBackendMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks a backend module's class up by
    """The backend for the default database's vendor, analysing string queries (search.backends.analysed)."""
    backend_class = type(wagtail_database_backend(params))
    if backend_class.__name__ == "SQLiteSearchBackend":
        from search.backends.sqlite import RankedSQLiteSearchBackend

        backend_class = RankedSQLiteSearchBackend
    return _with_analysis(backend_class)(params)
