"""Wagtail's database search backend; on SQLite FTS5, with a ranked query that scales.

Configure it as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database".
On PostgreSQL (use SEARCH_CONFIG "simple": tokens are analysed already) and MySQL this is
exactly Wagtail's backend; on SQLite with FTS5 it is search.backends.sqlite's subclass.
"""

from modelsearch.backends.database import SearchBackend as wagtail_database_backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks a backend module's class up by
    """The backend for the default database's vendor."""
    backend = wagtail_database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        from search.backends.sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
