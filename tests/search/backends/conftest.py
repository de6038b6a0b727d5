"""A real Elasticsearch server for the `elasticsearch` marker's suite, and backends that use it.

`make test-elasticsearch` (and so `make test` and .ci/run) starts one node with
scripts/elasticsearch.py, runs `pytest -m elasticsearch` with ELASTICSEARCH_URL and
ELASTICSEARCH_STATE set, and stops it: the server starts once per run, not per test. Without
ELASTICSEARCH_URL the suite is skipped, or fails under CI=true.
"""

import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.search.backends import get_search_backend

from scripts import elasticsearch as server
from search.backends import elasticsearch as es_backend
from tests.conftest import require


@dataclass
class ElasticsearchServer:
    """The node under test; ``state`` is set when this run started it and may stop and start it."""

    url: str
    state: Path | None

    def stop(self) -> None:
        server.stop(self.state, keep_data=True)

    def start(self) -> None:
        assert server.start(self.state) == self.url


@pytest.fixture(scope="session")
def elasticsearch_server():
    url = os.environ.get("ELASTICSEARCH_URL", "").rstrip("/")
    require(bool(url), "ELASTICSEARCH_URL is not set: run `make test-elasticsearch` for a real Elasticsearch server")
    require(server.health(url) is not None, f"no Elasticsearch server answers at {url}")
    state = os.environ.get("ELASTICSEARCH_STATE")
    return ElasticsearchServer(url=url, state=Path(state) if state else None)


def elasticsearch_settings(url: str, prefix: str) -> dict:
    """WAGTAILSEARCH_BACKENDS as config.settings.base builds them for ELASTICSEARCH_URL."""
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 5,
            "FALLBACK": "database",
            "RETRY_AFTER": 1,
            "ATOMIC_REBUILD": True,
        },
        "database": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple"},
    }


def update_index(*args, **options) -> str:
    """Run `manage.py update_index` and return what it printed."""
    from io import StringIO

    out = StringIO()
    call_command("update_index", *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def es(elasticsearch_server, settings, db):
    """Elasticsearch as the default backend, with the database as its fallback, on fresh indexes.

    The indexes (names starting with a prefix of this test's own) are built by update_index,
    so they carry Shiliu's mappings, and are deleted afterwards.
    """
    prefix = f"shiliu_test_{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = elasticsearch_settings(elasticsearch_server.url, prefix)
    es_backend._down_until.clear()
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    update_index()
    backend = get_search_backend()
    yield backend
    es_backend._down_until.clear()
    if server.health(elasticsearch_server.url):
        backend.es.indices.delete(index=f"{prefix}*", ignore_unavailable=True)
