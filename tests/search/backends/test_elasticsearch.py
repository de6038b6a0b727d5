"""Elasticsearch: index settings for pre-analysed text, mappings, and the database fallback."""

import logging
import os
import uuid

import pytest

from django.test import override_settings

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import services
from search.backends import elasticsearch as es_backend
from search.backends.elasticsearch import PRETOKENIZED_ANALYZER, ShiliuElasticsearchBackend, ShiliuElasticsearchMapping
from stories.models import StoryPage
from tests.factories import PlaceFactory, StoryPageFactory

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
UNREACHABLE = "http://127.0.0.1:9"


def backend(url=UNREACHABLE, **params):
    return ShiliuElasticsearchBackend({"URLS": [url], "INDEX_PREFIX": "test_", "TIMEOUT": 1, **params})


def test_index_settings_split_on_whitespace_and_lowercase_only():
    analysis = backend().settings["settings"]["analysis"]["analyzer"]
    for name in ("default", PRETOKENIZED_ANALYZER):
        assert analysis[name] == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    assert analysis["edgengram_analyzer"]["tokenizer"] == "whitespace"
    assert "edgengram" in analysis["edgengram_analyzer"]["filter"]
    assert "asciifolding" not in str(analysis)


def test_index_settings_can_still_be_extended_from_settings():
    custom = backend(INDEX_SETTINGS={"settings": {"index": {"number_of_shards": 1}}})
    assert custom.settings["settings"]["index"]["number_of_shards"] == 1
    assert custom.settings["settings"]["analysis"]["analyzer"]["default"]["tokenizer"] == "whitespace"


def test_mapping_of_story_pages():
    mapping = ShiliuElasticsearchMapping(StoryPage).get_mapping()["properties"]
    assert mapping["title"]["type"] == "text"
    assert "_all_text_boost_2_0" in mapping["title"]["copy_to"]
    assert mapping["stories_storypage__body"]["type"] == "text"
    assert mapping["stories_storypage__place"]["type"] == "nested"
    assert mapping["stories_storypage__place"]["properties"]["name"]["type"] == "text"
    assert mapping["stories_storypage__date_filter"]["type"] == "date"
    assert mapping["_edgengrams"] == {
        "type": "text",
        "analyzer": "edgengram_analyzer",
        "search_analyzer": PRETOKENIZED_ANALYZER,
    }
    assert mapping["title_edgengrams"]["search_analyzer"] == PRETOKENIZED_ANALYZER
    # Searchable text fields choose no analyser of their own: the index default (whitespace) applies.
    text_fields = [field for name, field in mapping.items() if field["type"] == "text" and "edgengrams" not in name]
    assert text_fields and all("analyzer" not in field for field in text_fields)


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


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_against_a_real_elasticsearch_server(index, mn_index, locales):
    if not ELASTICSEARCH_URL:
        pytest.skip("ELASTICSEARCH_URL is not set: this test needs a running Elasticsearch 8 or 9 server")
    prefix = f"shiliu_test_{uuid.uuid4().hex[:8]}_"
    config = {"BACKEND": "search.backends.elasticsearch", "URLS": [ELASTICSEARCH_URL], "INDEX_PREFIX": prefix}
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": config}):
        search_backend = get_search_backend()
        story = StoryPageFactory(parent=index, title="民族團結進步活動月", place=PlaceFactory(name="阿吉拉沁社区"))
        other = StoryPageFactory(parent=index, title="红石榴课堂开课了", summary="构建互嵌式社区")
        try:
            search_backend.reset_indexes()
            page_index = search_backend.get_index_for_model(StoryPage)
            page_index.add_model(StoryPage)
            search_backend.add_bulk(StoryPage, [story, other])
            search_backend.refresh_indexes()
            live = Page.objects.live()
            for text, expected in [("团结", story), ("團結", story), ("互嵌式", other), ("阿吉拉沁", story)]:
                assert [page.pk for page in services.run(live, services.analyse(text))] == [expected.pk], text
        finally:
            for model_index in search_backend.all_indexes():
                model_index.delete()
