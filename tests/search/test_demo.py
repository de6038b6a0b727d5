"""Done when: on the demo site, the words residents type find the pages that contain them."""

import re

import pytest

from stories.models import StoryPage
from tests.factories import StoryPageFactory
from tests.search.conftest import publish_translation
from tests.search.factories import MONGOL, SCRIPT
from textkit.analysis import normalise

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(demo_content):
    """The demo, loaded once for this module (:func:`tests.conftest.demo_content`)."""


def result_urls(client, prefix, query, lang="any"):
    """Result URLs of the search page at ``prefix``, every results page; in any language unless
    ``lang`` says otherwise."""
    urls: set[str] = set()
    for number in range(1, 20):
        html = client.get(f"{prefix}/search/", {"q": query, "lang": lang, "page": number}).content.decode()
        found = set(re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html))
        if found <= urls:  # past the last page (an empty page, or the last one again)
            break
        urls |= found
    return urls


def pages_containing(text):
    """Live demo pages whose title, summary or body hold ``text`` (Traditional folded in)."""
    wanted = normalise(text)
    urls = set()
    for story in StoryPage.objects.live().filter(locale__language_code="zh-hans"):
        place = story.place.name if story.place else ""
        texts = [story.title, story.summary, str(story.body.raw_data), place]
        if any(wanted in normalise(piece) for piece in texts):
            urls.add(story.url)
    return urls


@pytest.mark.parametrize("query", ["团结", "團結", "互嵌式", "红石榴课堂", "阿吉拉沁社区", "阿吉拉沁"])
@pytest.mark.parametrize("prefix", ["/zh-hans", "/mn-mong"])
def test_demo_words_find_the_stories_that_contain_them(client, demo_site, query, prefix):
    expected = pages_containing(query)
    assert expected, f"the demo content no longer contains {query}"
    assert expected <= result_urls(client, prefix, query)


def test_a_mongolian_word_finds_the_mongolian_page_in_both_languages(client, demo_site, locales):
    index = StoryPage.objects.filter(locale__language_code="zh-hans").first().get_parent().specific
    mn_index = index.get_translation_or_none(locales["mn"]) or publish_translation(index, locales["mn"])
    story = StoryPageFactory(parent=mn_index, locale=locales["mn"], title=f"{MONGOL} {SCRIPT}", slug="mongol-test")
    for prefix in ("/zh-hans", "/mn-mong"):
        assert story.url in result_urls(client, prefix, MONGOL)
    # By default each search page searches its own language.
    assert story.url in result_urls(client, "/mn-mong", MONGOL, lang="")
    assert story.url not in result_urls(client, "/zh-hans", MONGOL, lang="")


def test_mongolian_words_of_the_demo_translations_find_their_pages(client, demo_site):
    word = "\u1826\u1828\u1833\u1826\u1830\u1826\u1832\u1821\u1828"  # ᠦᠨᠳᠦᠰᠦᠲᠡᠨ, nationality
    expected = {
        page.url
        for page in StoryPage.objects.live().filter(locale__language_code="mn-mong")
        if word in normalise(page.title + " " + page.summary)
    }
    assert expected, "the demo has a Mongolian story with ᠦᠨᠳᠦᠰᠦᠲᠡᠨ in its title or summary"
    for prefix in ("/zh-hans", "/mn-mong"):
        assert expected <= result_urls(client, prefix, word + "\u202f\u1826")  # typed with its suffix
