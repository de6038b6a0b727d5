"""The sitemap lists every live public page in each language, with hreflang alternates between translations."""

import pytest
from defusedxml import ElementTree

from tests.factories import StoryIndexPageFactory, StoryPageFactory
from tests.search.conftest import publish_translation

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def parse(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} from /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    urls = {}
    for url in root.findall("s:url", NS):
        location = url.find("s:loc", NS).text
        assert location not in urls, f"{location} listed twice"
        urls[location] = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
    return urls


@pytest.fixture
def pages(home, locales):
    index = StoryIndexPageFactory(parent=home, title="故事", slug="stories")
    translated = StoryPageFactory(parent=index, title="民族团结", slug="unity")
    untranslated = StoryPageFactory(parent=index, title="红石榴课堂", slug="classroom")
    draft = StoryPageFactory(parent=index, title="草稿", slug="draft", live=False)
    private = StoryPageFactory(parent=index, title="内部", slug="private")
    private.view_restrictions.create(restriction_type="password", password="secret")
    mn_home = publish_translation(home, locales["mn"])
    mn_index = publish_translation(index, locales["mn"])
    mn_story = publish_translation(translated, locales["mn"])
    mn_only = StoryPageFactory(parent=mn_index, locale=locales["mn"], title="ᠮᠣᠩᠭᠣᠯ", slug="mongol-only")
    return {
        "home": home,
        "mn_home": mn_home,
        "index": index,
        "mn_index": mn_index,
        "translated": translated,
        "mn_story": mn_story,
        "untranslated": untranslated,
        "mn_only": mn_only,
        "draft": draft,
        "private": private,
    }


def test_every_live_public_page_in_each_language_with_hreflang_alternates(client, pages):
    urls = parse(client)
    full = {name: page.full_url for name, page in pages.items()}

    listed = {"home", "mn_home", "index", "mn_index", "translated", "mn_story", "untranslated", "mn_only"}
    assert set(urls) == {full[name] for name in listed}
    assert "/mn-mong/stories/unity/" in full["mn_story"]

    both = {"zh-Hans": full["translated"], "mn-Mong": full["mn_story"], "x-default": full["translated"]}
    assert urls[full["translated"]] == both
    assert urls[full["mn_story"]] == both  # each version lists the others and itself
    assert urls[full["home"]] == {"zh-Hans": full["home"], "mn-Mong": full["mn_home"], "x-default": full["home"]}
    assert urls[full["untranslated"]] == {}  # no translation: no alternates
    assert urls[full["mn_only"]] == {}


def test_an_unpublished_translation_leaves_the_sitemap_and_the_alternates(client, pages):
    pages["mn_story"].unpublish()
    urls = parse(client)
    assert pages["mn_story"].full_url not in urls
    assert urls[pages["translated"].full_url] == {}
