"""devtools.benchmarks.pages: the pages measured and the figures of one page."""

import pytest

from django.test import Client

from devtools.benchmarks import pages as benchmark
from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def test_percentile():
    assert benchmark.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5) == 5
    assert benchmark.percentile(list(range(1, 101)), 0.95) == 95


def test_pages_are_the_home_page_and_the_first_live_index_and_story(home):
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index)

    urls = benchmark.pages()

    assert urls["home"] == "/zh-hans/"
    assert urls["story index"] == index.url
    assert urls["rss feed"] == index.url + "feed/rss/"
    assert urls["story"] == story.url
    assert "story (Mongolian)" not in urls


def test_measure_counts_queries_and_bytes(home):
    figures = benchmark.measure(Client(), "home", "/zh-hans/", runs=3)

    assert figures.status == 200
    assert figures.queries > 0
    assert 0 < figures.gzip_bytes < figures.bytes
    assert 0 < figures.p50_ms <= figures.p95_ms


def test_measure_renders_the_page_even_with_the_page_cache_on(home, settings):
    settings.PAGE_CACHE_ENABLED = True  # as in production: a cached page would run no query

    figures = benchmark.measure(Client(), "home", "/zh-hans/", runs=2)

    assert figures.queries > 0


def test_a_page_that_does_not_answer_200_has_only_its_status(home):
    figures = benchmark.measure(Client(), "missing", "/zh-hans/no-such-page/", runs=3)

    assert figures.status == 404
    assert figures.queries == 0
