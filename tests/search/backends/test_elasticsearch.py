"""Elasticsearch: index settings for pre-analysed text, mappings, and the database fallback.

These need no server; test_elasticsearch_server.py runs against a real one.
"""

import logging
import uuid

import pytest

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import services
from search.backends import elasticsearch as es_backend
from search.backends.elasticsearch import PRETOKENIZED_ANALYZER, ShiliuElasticsearchBackend, ShiliuElasticsearchMapping
from stories.models import StoryPage
from tests.factories import PlaceFactory, StoryPageFactory

UNREACHABLE = "http://127.0.0.1:9"


def backend(url=UNREACHABLE, **params):
    return ShiliuElasticsearchBackend({"URLS": [url], "INDEX_PREFIX": "test_", "TIMEOUT": 1, **params})


def test_index_settings_need_no_analysis_module():
    # Wagtail's n-gram filters need Elasticsearch's analysis-common module; Shiliu's settings
    # use nothing beyond the server itself, so they work on the integ-test distribution too.
    assert "analysis" not in backend().settings["settings"]
    assert "analysis" not in str(backend().settings)


def test_index_settings_can_still_be_extended_from_settings():
    custom = backend(INDEX_SETTINGS={"settings": {"index": {"number_of_shards": 1}}})
    assert custom.settings["settings"]["index"]["number_of_shards"] == 1
    assert "index" not in backend().settings["settings"]  # the class's settings are not changed


def test_atomic_rebuild_is_on():
    from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder

    assert backend().rebuilder_class is ElasticsearchAtomicIndexRebuilder


def test_edge_ngrams_are_the_prefixes_of_each_token():
    assert es_backend.edge_ngrams("团结 Naadam") == "团 团结 n na naa naad naada naadam"
    assert es_backend.edge_ngrams(None) == ""
    assert es_backend.edge_ngrams("x" * 20).split()[-1] == "x" * es_backend.EDGE_NGRAM_MAX


def test_mapping_of_story_pages():
    mapping = ShiliuElasticsearchMapping(StoryPage).get_mapping()["properties"]
    assert mapping["title"]["type"] == "text"
    assert "_all_text_boost_2_0" in mapping["title"]["copy_to"]
    assert mapping["stories_storypage__body"]["type"] == "text"
    assert mapping["stories_storypage__place"]["type"] == "nested"
    assert mapping["stories_storypage__place"]["properties"]["name"]["type"] == "text"
    assert mapping["stories_storypage__date_filter"]["type"] == "date"
    assert mapping["_edgengrams"] == {"type": "text", "analyzer": "whitespace", "search_analyzer": "whitespace"}
    assert mapping["title_edgengrams"]["search_analyzer"] == PRETOKENIZED_ANALYZER
    # Every text field, nested ones too, is split on whitespace only: the text is analysed already.
    text_fields = [field for field in mapping.values() if field["type"] == "text"]
    text_fields += [field for field in mapping["stories_storypage__place"]["properties"].values()]
    assert text_fields and all(field["analyzer"] == PRETOKENIZED_ANALYZER for field in text_fields)


def test_images_are_analysed_like_pages_so_their_fields_take_the_whitespace_analyser():
    from wagtail.images.models import Image

    mapping = ShiliuElasticsearchMapping(Image).get_mapping()["properties"]
    # core.indexing.analyse_every_indexed_model: the admin's image search analyses like pages.
    assert mapping["title"]["analyzer"] == "whitespace"


@pytest.mark.django_db
def test_documents_hold_analysed_tokens(index):
    story = StoryPageFactory(
        parent=index, title="民族團結進步活動月", summary="构建互嵌式社区", place=PlaceFactory(name="阿吉拉沁社区")
    )
    document = ShiliuElasticsearchMapping(StoryPage).get_document(story)
    assert "团结" in document["title"].split()
    assert "互嵌式" in document["stories_storypage__summary"].split()
    assert "吉拉" in document["stories_storypage__place"]["name"].split()
    assert "团结" in document["_edgengrams"][0].split()
    assert "团" in document["_edgengrams"][0].split()  # autocomplete's edge n-grams, made here


@pytest.fixture
def fallback_settings(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [UNREACHABLE],
            "INDEX_PREFIX": f"test_{uuid.uuid4().hex[:8]}_",
            "TIMEOUT": 1,
            "FALLBACK": "database",
            "RETRY_AFTER": 60,
        },
        "database": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple"},
    }
    es_backend._down_until.clear()
    yield settings
    es_backend._down_until.clear()


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_to_the_database_with_a_warning(index, fallback_settings, caplog):
    with caplog.at_level(logging.WARNING):
        story = StoryPageFactory(parent=index, title="民族团结进步活动月")  # indexing errors are logged, not raised
    assert isinstance(get_search_backend(), ShiliuElasticsearchBackend)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
        results = services.run(Page.objects.live(), services.analyse("团结"))
        assert [page.pk for page in results[:10]] == [story.pk]
        assert results.count() == 1
    assert "Elasticsearch is unavailable" in caplog.text
    assert "searching the 'database' backend instead" in caplog.text


@pytest.mark.django_db
def test_while_elasticsearch_is_down_searches_go_straight_to_the_database(index, fallback_settings, monkeypatch):
    StoryPageFactory(parent=index, title="民族团结进步活动月")
    list(services.run(Page.objects.live(), services.analyse("团结")))
    calls = []
    monkeypatch.setattr(ShiliuElasticsearchBackend, "mark_down", lambda self, error: calls.append(error))
    assert len(list(services.run(Page.objects.live(), services.analyse("团结")))) == 1
    assert calls == []  # Elasticsearch was not tried again


@pytest.mark.django_db
def test_search_page_and_api_work_while_elasticsearch_is_down(client, index, fallback_settings):
    story = StoryPageFactory(parent=index, title="民族团结进步活动月", slug="unity")
    assert story.url in client.get("/zh-hans/search/", {"q": "團結"}).content.decode()
    response = client.get("/api/v2/pages/", {"search": "团结"})
    assert response.status_code == 200 and [item["id"] for item in response.json()["items"]] == [story.pk]


@pytest.mark.django_db
def test_without_a_fallback_the_error_is_raised(index, fallback_settings):
    fallback_settings.WAGTAILSEARCH_BACKENDS["default"]["FALLBACK"] = ""
    from elastic_transport import TransportError

    with pytest.raises(TransportError):
        list(services.run(Page.objects.live(), services.analyse("团结")))
