"""Test settings: fast hashing, local-memory cache, plain static storage."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # what a queued message is sent with
# Tasks run at once unless a test queues them in the database (tests/core/test_tasks.py runs the
# worker); TASKS_BACKEND=database chooses the queue for a whole run (the worker's subprocess does).
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate")]}}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo content and benchmarks are tested too (tests/devtools); production never installs them.
# devtools: demo content and benchmarks; tests.testapp: page types that exist only in tests, to
# prove a new content app plugs into search and editorial without editing them.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools", "tests.testapp"]  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the browser tests' live server reads it from its own thread.
    # One file per test process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"shiliu-test-{os.getpid()}.sqlite3")
    }
# Search on the database even where ELASTICSEARCH_URL is set: tests are repeatable and fast,
# and the Elasticsearch integration test (tests/search/backends) configures its own backend.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple", "AUTO_UPDATE": False}
}
# Pages: in memory, emptied before each test (tests/conftest.py). Off unless a test turns it on
# (tests/core/test_page_cache.py): other tests render a page twice and expect two renders.
PAGE_CACHE_ENABLED = False
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shiliu-pages"}  # noqa: F405
