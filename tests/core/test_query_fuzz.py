"""Hostile query strings on every public page of the demo, in both languages: never a 500.

The pages are found, not listed: one live page of every page type Wagtail knows (so a page
type added later is covered without editing this file), in each locale, plus the search page.
The parameters are found the way a visitor (or a scanner) finds them, in each page's own HTML:
the fields of its GET forms, the query names of its links, and its feeds (``<link
rel="alternate">``, which carry their own parameters). Hypothesis then sends those names,
repeated, mixed with unknown ones, with values built to break parsers.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.management import call_command
from django.db import transaction
from django.test import Client

from wagtail.models import Locale, Page, get_page_models

from textkit.normalise import has_controls

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "",
    "0",
    "-1",
    "9" * 30,
    "1e309",
    "²",
    "٣",
    "２０２６",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "' OR 1=1 --",
    '"',
    "<script>alert(1)</script>",
    "%00",
    "\x00",
    "\x0b",
    "\ud7ff",
    "\ufeff",
    "ᠮᠣᠩᠭᠣᠯ\u202fᠤᠨ",
    "团结" * 300,
    "../../etc/passwd",
    "{{ 7*7 }}",
    "null",
    "[]",
]
VALUES = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=30))
ALLOWED = {200, 301, 302, 400, 404}


class _Parameters(HTMLParser):
    """Query names a page offers: GET form fields, link query names, and feed links."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.names: set[str] = set()
        self.feeds: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea", "button") and self._in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])
        elif tag == "a" and attrs.get("href"):
            url = urlsplit(attrs["href"])
            if url.path in ("", self.path):
                self.names.update(name for name, _ in parse_qsl(url.query, keep_blank_values=True))
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("href"):
            url = urlsplit(attrs["href"])
            if url.path.startswith(self.path) and url.path != self.path:
                self.feeds.add(url.path)
                self.names.update(name for name, _ in parse_qsl(url.query, keep_blank_values=True))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


@pytest.fixture(scope="module")
def public_paths(django_db_setup, django_db_blocker):
    """``{path: sorted parameter names}`` for one page of each type in each locale, search
    pages and feeds; the demo is loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with open("/dev/null", "w") as quiet:
            call_command("load_demo", "--no-admin", stdout=quiet)
        client = Client()
        paths: dict[str, list[str]] = {}
        for locale in Locale.objects.all():
            for model in get_page_models():
                if model is Page:
                    continue
                page = model.objects.live().public().filter(locale=locale).first()
                if page is not None:
                    paths[page.url] = []
            paths[f"/{locale.language_code}/search/"] = []
        for path in list(paths):
            response = client.get(path)
            assert response.status_code == 200, path
            found = _Parameters(path)
            found.feed(response.content.decode())
            paths[path] = sorted(found.names)
            for feed in found.feeds:
                paths.setdefault(feed, sorted(found.names))
        yield paths
        transaction.set_rollback(True)


def test_the_pages_and_their_parameters_are_found(public_paths):
    """The discovery itself works: both languages, listings with filters, feeds and search."""
    assert any(path.startswith("/mn-mong/") for path in public_paths)
    assert any("/feed/" in path or path.endswith("/ical/") for path in public_paths)
    assert {"q", "lang"} <= set(public_paths["/zh-hans/search/"])
    assert {"place", "theme"} <= set(public_paths["/zh-hans/stories/"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_hostile_query_string_gives_a_server_error(public_paths, client, data):
    path = data.draw(st.sampled_from(sorted(public_paths)), label="path")
    names = st.one_of(st.sampled_from(public_paths[path] or ["page"]), st.text(min_size=1, max_size=12))
    query = data.draw(st.lists(st.tuples(names, VALUES), max_size=5), label="query")

    response = client.get(path, query)

    assert response.status_code in ALLOWED, (path, query, response.status_code)
    if response.status_code in (200, 400):  # what was typed comes back without control characters
        assert not has_controls(response.content.decode()), (path, query)
