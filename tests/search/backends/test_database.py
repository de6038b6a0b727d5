"""The database backend: Wagtail's, with a ranked SQLite query that gives the same results."""

import pytest

from django.db import connection

from wagtail.images import get_image_model
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from search import services
from search.backends.analysed import AnalysedBackendMixin
from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(index):
    titles = ["团结", "团结 团结 团结", "民族团结进步", "那达慕", "团结 那达慕", "团结故事"]
    return [StoryPageFactory(parent=index, title=title, summary="") for title in titles]


def test_backend_matches_the_database():
    backend = get_search_backend()
    assert isinstance(backend, AnalysedBackendMixin)
    if connection.vendor == "sqlite":
        from search.backends.sqlite import RankedSQLiteSearchBackend

        assert isinstance(backend, RankedSQLiteSearchBackend)
    else:
        assert type(backend).__name__ == "AnalysedPostgresSearchBackend"
        assert backend.config == "simple"


def test_string_queries_on_analysed_models_are_analysed(stories):
    backend = get_search_backend()
    assert {page.pk for page in backend.search("團結", StoryPage)} == {stories[i].pk for i in (0, 1, 2, 4, 5)}
    assert list(backend.search("!!!", StoryPage)) == []
    either = backend.search("那达慕 民族", StoryPage.objects.live(), operator="or")
    assert {page.pk for page in either} == {stories[i].pk for i in (2, 3, 4)}


def test_other_models_are_searched_as_wagtail_does(db):
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Naadam 那达慕", file=get_test_image_file())
    assert list(get_search_backend().search("naadam", get_image_model())) == [image]


def test_ranked_results_count_slice_and_order(stories):
    results = services.run(StoryPage.objects.live(), services.analyse("团结"))
    matching = {stories[i].pk for i in (0, 1, 2, 4, 5)}
    assert results.count() == 5
    all_pks = [page.pk for page in results]
    assert set(all_pks) == matching
    assert [page.pk for page in results[1:3]] == all_pks[1:3]
    assert results[1:3].count() == 2
    assert results[4:].count() == 1
    assert all_pks[0] in {stories[0].pk, stories[1].pk}  # the densest titles rank first


def test_scores_can_be_annotated(stories):
    results = services.run(StoryPage.objects.live(), services.analyse("那达慕")).annotate_score("_score")
    assert all(isinstance(page._score, float) for page in results)


def test_unranked_search_keeps_the_queryset_order(stories):
    queryset = StoryPage.objects.live().order_by("title")
    results = get_search_backend().search(PlainText("团结"), queryset, order_by_relevance=False)
    titles = [page.title for page in results]
    assert titles == sorted(titles) and len(titles) == 5


def test_filters_of_the_queryset_apply(stories):
    stories[0].unpublish()
    results = services.run(StoryPage.objects.live(), services.analyse("团结"))
    assert stories[0].pk not in {page.pk for page in results} and results.count() == 4


def test_autocomplete_matches_word_prefixes(stories):
    results = get_search_backend().autocomplete("那达", StoryPage.objects.live())
    assert {page.pk for page in results} == {stories[3].pk, stories[4].pk}
