"""Search against a real Elasticsearch server (the `elasticsearch` marker; see conftest.py).

Run with `make test-elasticsearch`, which starts a single node from Maven Central for the run.
"""

import datetime
import logging
import os
import re
import time

import pytest

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from devtools.benchmarks import search as benchmark
from search import services
from search.backends.elasticsearch import PRETOKENIZED_ANALYZER
from tests.factories import PlaceFactory, StoryPageFactory
from tests.search.backends.conftest import update_index
from tests.search.factories import MONGOL, SCRIPT

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

ALARMING = ("Search is not available", 'role="alert"', "Elasticsearch", "error")


def found(query: str, queryset=None, backend: str = "default") -> set[int]:
    """The ids of every page ``backend`` finds for ``query``, analysed as the search page does."""
    analysed = services.analyse(query)
    if analysed.is_empty:
        return set()
    queryset = Page.objects.live() if queryset is None else queryset
    results = get_search_backend(backend).search(analysed.search_query("and"), queryset)
    return {page.pk for page in results}


def result_urls(client, query: str, **params) -> list[str]:
    html = client.get("/zh-hans/search/", {"q": query, **params}).content.decode()
    return re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html)


def test_indexes_use_the_built_in_whitespace_analyser(es, index):
    StoryPageFactory(parent=index, title="民族團結進步活動月")
    alias = es.get_index_for_model(Page)
    assert alias.is_alias()
    mapping = es.es.indices.get_mapping(index=alias.name)
    properties = next(iter(mapping.body.values()))["mappings"]["properties"]
    assert properties["title"]["analyzer"] == PRETOKENIZED_ANALYZER
    assert properties["_all_text"]["analyzer"] == PRETOKENIZED_ANALYZER
    assert properties["stories_storypage__place"]["properties"]["name"]["analyzer"] == PRETOKENIZED_ANALYZER
    tokens = es.es.indices.analyze(index=alias.name, field="title", text="民族 团结 ᠮᠣᠩᠭᠣᠯ")["tokens"]
    assert [token["token"] for token in tokens] == ["民族", "团结", "ᠮᠣᠩᠭᠣᠯ"]


def test_chinese_and_mongolian_pages_are_found(es, index, mn_index, locales):
    story = StoryPageFactory(parent=index, title="民族團結進步活動月", place=PlaceFactory(name="阿吉拉沁社区"))
    other = StoryPageFactory(parent=index, title="红石榴课堂开课了", summary="构建互嵌式社区")
    mongolian = StoryPageFactory(parent=mn_index, locale=locales["mn"], title=f"{MONGOL} {SCRIPT}")
    es.refresh_indexes()
    assert found("团结") == found("團結") == {story.pk}
    assert found("互嵌式") == {other.pk}
    assert found("阿吉拉沁") == {story.pk}
    assert found(MONGOL) == {mongolian.pk}
    # The same word typed with a free variation selector, as another keyboard may type it.
    assert found(MONGOL[:2] + "\u180b" + MONGOL[2:]) == {mongolian.pk}
    assert found("不存在的词") == set()


def test_autocomplete_matches_the_start_of_words(es, index):
    story = StoryPageFactory(parent=index, title="红石榴课堂开课了")
    es.refresh_indexes()
    results = es.autocomplete("红石", Page.objects.live())
    assert [page.pk for page in results] == [story.pk]


def test_the_same_results_as_the_database_on_the_benchmark_queries(es, locales):
    corpus = benchmark.build_corpus(120, seed=14, query_count=200)
    page_ids = benchmark.create_pages(corpus, log=lambda message: None)
    update_index()
    compared = with_results = 0
    for query in corpus.queries:
        expected = found(query, backend="database")
        assert found(query) == expected, query
        # Both agree with the labels computed from the generated text.
        assert expected == benchmark.relevant(corpus, page_ids, query), query
        compared += 1
        with_results += bool(expected)
    assert compared == 200 and with_results > 120


def test_the_same_results_as_the_database_on_the_demo(es, locales):
    with open("/dev/null", "w") as quiet:
        from django.core.management import call_command

        call_command("load_demo", "--no-admin", stdout=quiet)
    update_index()
    queries = ["团结", "團結", "互嵌式", "红石榴课堂", "阿吉拉沁", "那达慕", "石榴籽", "民族团结进步活动月", "书法"]
    queries.append("\u1826\u1828\u1833\u1826\u1830\u1826\u1832\u1821\u1828")  # ᠦᠨᠳᠦᠰᠦᠲᠡᠨ, nationality
    nonempty = 0
    for query in queries:
        expected = found(query, backend="database")
        assert found(query) == expected, query
        nonempty += bool(expected)
    assert nonempty >= len(queries) - 1


def test_search_page_highlights_filters_and_promotes(client, es, index):
    place = PlaceFactory(name="阿吉拉沁社区")
    filed = StoryPageFactory(parent=index, title="民族团结一家亲", slug="filed", place=place)
    other = StoryPageFactory(parent=index, title="民族团结进步", slug="other", date=datetime.date(2019, 5, 1))
    pick = StoryPageFactory(parent=index, title="红石榴课堂", slug="pick")
    SearchPromotion.objects.create(query=Query.get("团结"), page=pick, sort_order=0, description="编辑推荐")
    es.refresh_indexes()
    html = client.get("/zh-hans/search/", {"q": "團結"}).content.decode()
    assert "<mark>团结</mark>" in html or "<mark>團結</mark>" in html
    assert "search-result--promoted" in html and pick.url in html and "编辑推荐" in html
    assert set(result_urls(client, "团结")) >= {filed.url, other.url}
    assert filed.url in result_urls(client, "团结", place=place.pk)
    assert other.url not in result_urls(client, "团结", place=place.pk)
    assert other.url in result_urls(client, "团结", year=2019)
    assert filed.url not in result_urls(client, "团结", year=2019)


def test_publishing_and_unpublishing_update_the_index(client, es, index):
    story = StoryPageFactory(parent=index, title="邻里节", slug="neighbours", live=False)
    story.save_revision().publish()
    es.refresh_indexes()
    assert found("邻里节") == {story.pk}
    assert story.url in result_urls(client, "邻里节")
    story.refresh_from_db()
    story.unpublish()
    es.refresh_indexes()
    assert found("邻里节") == set()
    assert found("邻里节", Page.objects.all()) == {story.pk}  # still indexed, filtered out as not live
    assert result_urls(client, "邻里节") == []


def test_api_search_uses_elasticsearch(client, es, index):
    story = StoryPageFactory(parent=index, title="民族团结进步活动月")
    es.refresh_indexes()
    response = client.get("/api/v2/pages/", {"search": "團結"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [story.pk]


def test_a_server_stopped_mid_run_falls_back_to_the_database_and_comes_back(
    client, es, index, elasticsearch_server, caplog
):
    if elasticsearch_server.state is None:
        pytest.skip("the server was not started by this run (ELASTICSEARCH_STATE unset), so it cannot be stopped")
    story = StoryPageFactory(parent=index, title="民族团结进步活动月", slug="unity")
    es.refresh_indexes()
    elasticsearch_server.stop()
    try:
        with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
            response = client.get("/zh-hans/search/", {"q": "团结"})
        html = response.content.decode()
        assert response.status_code == 200
        assert story.url in html  # found by the database index
        assert not [word for word in ALARMING if word in html]
        assert "Elasticsearch is unavailable" in caplog.text
    finally:
        elasticsearch_server.start()
    # Proof that Elasticsearch answers again: a word only its index holds.
    story.title = "那达慕大会"
    es.add(story)
    es.refresh_indexes()
    assert found("那达慕", backend="database") == set()
    deadline = time.monotonic() + 10
    while found("那达慕") != {story.pk} and time.monotonic() < deadline:
        time.sleep(0.5)  # RETRY_AFTER is 1 s in these tests
    assert found("那达慕") == {story.pk}


def test_update_index_swaps_the_alias_without_downtime(es, index):
    story = StoryPageFactory(parent=index, title="民族团结进步活动月")
    es.refresh_indexes()
    alias = es.get_index_for_model(Page)
    before = {index.name for index in alias.aliased_indices()}
    # Mid-rebuild: the new index is empty, and searches still read the old one through the alias.
    rebuilder = es.rebuilder_class(alias)
    new_index = rebuilder.start()
    new_index.add_model(Page)
    assert found("团结") == {story.pk}
    rebuilder.finish()
    assert {index.name for index in alias.aliased_indices()} == {new_index.name}
    assert not any(es.es.indices.exists(index=name) for name in before)
    # The command does the same, showing its progress, and search works afterwards.
    output = update_index()
    assert re.search(r"\d+/\d+", output), output
    assert {index.name for index in alias.aliased_indices()} != {new_index.name}
    assert found("团结") == {story.pk}


def test_search_benchmark_measures_elasticsearch_beside_the_database(es, locales, monkeypatch, settings):
    from io import StringIO

    from django.core.management import call_command

    from devtools.management.commands.search_benchmark import CHILD_MARKER

    monkeypatch.setitem(os.environ, CHILD_MARKER, str(settings.DATABASES["default"]["NAME"]))
    monkeypatch.setitem(os.environ, "ELASTICSEARCH_URL", settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0])
    output = StringIO()
    call_command("search_benchmark", "--stories", "40", "--queries", "30", "--backend", "elasticsearch", stdout=output)
    lines = [line.split("|") for line in output.getvalue().splitlines() if line.startswith("| ")]
    rows = {cells[1].strip(): cells for cells in lines}
    assert {"plain Wagtail search", "analysed (textkit.analysis)", "analysed, Elasticsearch"} <= set(rows)
    database, elasticsearch = rows["analysed (textkit.analysis)"], rows["analysed, Elasticsearch"]
    assert elasticsearch[4].strip().endswith("ms") and elasticsearch[5].strip().endswith("ms")  # p50, p95
    assert elasticsearch[6] == database[6] and float(elasticsearch[6].strip().rstrip("%")) >= 95  # recall
