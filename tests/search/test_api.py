"""API v2 search gives the search page's results, for the WeChat mini-program."""

import re

import pytest

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from tests.factories import PlaceFactory, StoryPageFactory
from tests.search.factories import MONGOL, SCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(index, mn_index, locales):
    community = PlaceFactory(name="阿吉拉沁社区")
    pages = [
        StoryPageFactory(parent=index, title=f"民族团结故事{number}", summary="红石榴课堂", place=community)
        for number in range(5)
    ]
    pages.append(StoryPageFactory(parent=index, title="社區舉辦民族團結聯歡會", summary="互嵌式社区"))
    pages.append(StoryPageFactory(parent=mn_index, locale=locales["mn"], title=f"{MONGOL} {SCRIPT}", place=community))
    return pages


def page_ids(client, query):
    """The page ids the search page lists for ``query`` in any language (as the API without ?locale=), in order."""
    html = client.get("/zh-hans/search/", {"q": query, "lang": "any"}).content.decode()
    urls = re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html)
    by_url = {page.url: page.pk for page in StoryPageFactory._meta.model.objects.all()}
    return [by_url[url] for url in urls]


@pytest.mark.parametrize("query", ["团结", "團結", "红石榴课堂", "互嵌式", "阿吉拉沁", MONGOL, "团结 红石榴课堂"])
def test_api_search_returns_the_search_page_results_in_the_same_order(client, stories, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200
    api_ids = [item["id"] for item in response.json()["items"]]
    assert api_ids
    assert api_ids == page_ids(client, query)
    assert response.json()["meta"]["total_count"] == len(api_ids)


def test_api_search_with_type_and_locale(client, stories):
    response = client.get("/api/v2/pages/", {"search": "阿吉拉沁", "type": "stories.StoryPage", "locale": "mn-mong"})
    assert [item["id"] for item in response.json()["items"]] == [stories[-1].pk]


def test_api_search_operator(client, stories):
    both = client.get("/api/v2/pages/", {"search": "联欢会 红石榴课堂"}).json()["meta"]["total_count"]
    either = client.get("/api/v2/pages/", {"search": "联欢会 红石榴课堂", "search_operator": "or"}).json()
    assert both == 0 and either["meta"]["total_count"] == 6
    assert client.get("/api/v2/pages/", {"search": "团结", "search_operator": "xor"}).status_code == 400


@pytest.mark.parametrize("query", ["", "!!!", '"', "NEAR(a", "x" * 3000, "' OR 1=1 --", "*"])
def test_api_hostile_queries_give_an_answer_not_an_error(client, stories, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)


def test_api_refuses_a_nul_byte_in_a_query(client, stories):
    """NUL is no text anyone types, and PostgreSQL refuses it: 400 before search (config.api)."""
    response = client.get("/api/v2/pages/", {"search": "团结\x00"})
    assert response.status_code == 400
    assert response.json() == {"message": "parameters may not contain NUL characters"}


def test_api_documents_search_finds_words_inside_files(client, stories, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the text is read once the upload commits
        document = get_document_model()(title="教案")
        document.file.save("lesson.txt", ContentFile("红石榴课堂教案：交往交流交融".encode()), save=False)
        document.save()
    # The API lists only documents a live page uses (core.api.public_documents_in_use).
    link = f'<p><a linktype="document" id="{document.pk}">教案</a></p>'
    StoryPageFactory(parent=stories[0].get_parent(), body=[("paragraph", link)])
    response = client.get("/api/v2/documents/", {"search": "交往交流交融"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [document.pk]
