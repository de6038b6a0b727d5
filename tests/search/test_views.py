"""The search page: /zh-hans/search/ and /mn-mong/search/."""

import pytest

from stories.models import StoryPage
from tests.factories import PlaceFactory, StoryPageFactory
from tests.search.factories import MONGOL, SCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(index, mn_index, locales):
    community = PlaceFactory(name="阿吉拉沁社区")
    return [
        StoryPageFactory(
            parent=index,
            title="民族團結進步活動月",
            summary="社区各族居民共建美好家园。",
            place=community,
            slug="unity",
        ),
        StoryPageFactory(parent=index, title="红石榴课堂", summary="构建互嵌式社区环境。", slug="classroom"),
        StoryPageFactory(parent=mn_index, locale=locales["mn"], title=f"{MONGOL} {SCRIPT}", slug="mongol"),
    ]


@pytest.mark.parametrize("prefix", ["/zh-hans", "/mn-mong"])
def test_search_page_in_both_languages_lists_results_with_marks(client, stories, prefix):
    response = client.get(f"{prefix}/search/", {"q": "团结"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>團結</mark>" in html
    assert stories[0].url in html
    assert '<meta name="robots" content="noindex">' in html
    assert "阿吉拉沁社区" in html


@pytest.mark.parametrize(
    ("query", "slug"),
    [("团结", "unity"), ("團結", "unity"), ("互嵌式", "classroom"), ("红石榴课堂", "classroom"), ("阿吉拉沁", "unity")],
)
def test_done_when_words_on_the_page(client, stories, query, slug):
    for prefix in ("/zh-hans", "/mn-mong"):
        html = client.get(f"{prefix}/search/", {"q": query}).content.decode()
        assert f"/stories/{slug}/" in html


def test_mongolian_word_finds_the_mongolian_page(client, stories):
    html = client.get("/mn-mong/search/", {"q": MONGOL}).content.decode()
    assert "/mn-mong/stories/mongol/" in html
    assert f"<mark>{MONGOL}</mark>" in html


def test_every_page_has_the_search_box_in_its_header(client, home, stories):
    html = client.get(stories[0].url).content.decode()
    assert 'action="/zh-hans/search/"' in html and 'name="q"' in html
    html = client.get(stories[2].url).content.decode()
    assert 'action="/mn-mong/search/"' in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "!!!",
        '"',
        "*",
        "NEAR(团结 红石榴, 3)",
        "团结 OR",
        "AND NOT",
        "\x00\x01\x02",
        "' OR 1=1; --",
        "title:团结",
        "团结*",
        "^团结",
        "{title body}: 团结",
        "\ud7ff\ufffe\uffff",
        "\ue000\ue001",
        "<script>alert(1)</script>",
    ],
)
def test_malformed_or_hostile_queries_never_fail(client, stories, query):
    response = client.get("/zh-hans/search/", {"q": query, "page": "x", "type": "nope", "year": "1e9"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_empty_query_shows_the_form_only(client, stories):
    html = client.get("/zh-hans/search/").content.decode()
    assert 'name="q"' in html and "search-result" not in html


def test_punctuation_only_gets_a_clear_message(client, stories):
    html = client.get("/zh-hans/search/", {"q": "……！！"}).content.decode()
    assert 'class="empty" role="status"' in html


@pytest.mark.parametrize("page", ["²", "٣", "9" * 20, "0", "-3", "abc"])
def test_a_page_number_that_is_not_one_shows_the_first_page(client, stories, page):
    response = client.get("/zh-hans/search/", {"q": "团结", "page": page})

    assert response.status_code == 200
    assert "/stories/unity/" in response.content.decode()


def test_unrecognised_filters_are_ignored_with_a_message(client, stories):
    response = client.get("/zh-hans/search/", {"q": "团结", "type": "nope", "place": "999999", "lang": "xx"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-message" role="alert"' in html
    assert "/stories/unity/" in html


def test_filters_on_the_page(client, stories, locales):
    html = client.get("/zh-hans/search/", {"q": "阿吉拉沁", "lang": "mn-mong"}).content.decode()
    assert "/stories/unity/" not in html
    html = client.get("/zh-hans/search/", {"q": "社区", "type": "stories.StoryPage", "year": "2025"}).content.decode()
    assert "/stories/unity/" in html and "/stories/classroom/" in html
    place = stories[0].place
    html = client.get("/zh-hans/search/", {"q": "社区", "place": str(place.pk)}).content.decode()
    assert "/stories/unity/" in html and "/stories/classroom/" not in html


def test_no_results_gets_help(client, stories):
    html = client.get("/zh-hans/search/", {"q": "团结 量子计算"}).content.decode()
    assert "search__empty" in html
    assert "?q=%E5%9B%A2%E7%BB%93" in html  # did you mean 团结


def test_pagination(client, index):
    for number in range(23):
        StoryPageFactory(parent=index, title=f"团结故事{number}", slug=f"s{number}")
    first = client.get("/zh-hans/search/", {"q": "团结"}).content.decode()
    assert first.count('class="search-result"') == 20 and 'rel="next"' in first
    second = client.get("/zh-hans/search/", {"q": "团结", "page": "2"}).content.decode()
    assert second.count('class="search-result"') == 3 and 'rel="prev"' in second
    beyond = client.get("/zh-hans/search/", {"q": "团结", "page": "99"}).content.decode()
    assert beyond.count('class="search-result"') == 3


def test_post_is_not_allowed(client, stories):
    assert client.post("/zh-hans/search/", {"q": "团结"}).status_code == 405


def test_unpublishing_removes_a_page_from_results(client, stories):
    stories[1].unpublish()
    html = client.get("/zh-hans/search/", {"q": "红石榴课堂"}).content.decode()
    assert "/stories/classroom/" not in html
    assert StoryPage.objects.get(pk=stories[1].pk).live is False


@pytest.fixture
def translated(stories, locales):
    """The Chinese unity story translated into Mongolian (the classroom story is not)."""
    from tests.search.conftest import publish_translation

    translation = publish_translation(stories[0], locales["mn"])
    translation.title = f"{MONGOL} 团结"
    translation.save_revision().publish()
    return translation


def test_search_defaults_to_the_page_s_language_with_any_language_one_click_away(client, stories, translated):
    response = client.get("/zh-hans/search/", {"q": "团结"})
    html = response.content.decode()
    assert "/zh-hans/stories/unity/" in html and "/mn-mong/stories/" not in html
    assert '<option value="zh-hans" selected>' in html  # the page's language shown as chosen
    link = response.context["form"].any_language_query()
    assert f'href="/zh-hans/search/?{link.replace("&", "&amp;")}"' in html

    html = client.get(f"/zh-hans/search/?{link}").content.decode()
    assert "/zh-hans/stories/unity/" in html and translated.url in html


def test_a_mongolian_search_gives_mongolian_pages_and_untranslated_chinese_ones(client, stories, translated):
    html = client.get("/mn-mong/search/", {"q": "社区"}).content.decode()
    # The unity story shows as its Mongolian translation only; the untranslated classroom story in Chinese.
    assert translated.url in html and "/zh-hans/stories/unity/" not in html
    assert "/zh-hans/stories/classroom/" in html
    html = client.get("/mn-mong/search/", {"q": "社区", "lang": "zh-hans"}).content.decode()
    assert "/zh-hans/stories/unity/" in html and translated.url not in html
