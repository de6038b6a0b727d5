"""Two languages: routing by prefix, the Chinese fallback, hreflang, the switcher, dates."""

import datetime
import re

import pytest

from django.utils import formats, translation

from wagtail.models import Page

from core.i18n import fallback_url, language_versions, published_translations
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db

MONGOLIAN_TITLE = "ᠠᠵᠢᠯᠴᠢᠨ ᠬᠣᠷᠢᠶᠠᠨ\u202fᠤ ᠦᠯᠢᠭᠡᠷ"


def translate(page: Page, locale, **fields) -> Page:
    """Wagtail's own copy for translation (parents become aliases), edited and published."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def story(index):
    return StoryPageFactory(parent=index, title="阿吉拉沁社区的故事", slug="ajilaqin")


def links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}"[^>]*>', html)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("mn-CN,mn;q=0.9,zh-CN;q=0.8", "/mn-mong/"),
        ("mn-Mong", "/mn-mong/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("en-GB,en;q=0.9", "/zh-hans/"),
        ("", "/zh-hans/"),
    ],
)
def test_root_redirects_to_the_best_language_then_chinese(client, home, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_every_page_is_under_its_language_prefix(client, story, locales):
    mongolian = translate(story, locales["mn"], title=MONGOLIAN_TITLE)

    assert story.url == "/zh-hans/stories/ajilaqin/"
    assert mongolian.url == "/mn-mong/stories/ajilaqin/"
    zh = client.get(story.url)
    mn = client.get(mongolian.url)
    assert '<html lang="zh-Hans"' in zh.content.decode()
    assert '<html lang="mn-Mong"' in mn.content.decode()
    assert MONGOLIAN_TITLE in mn.content.decode()


def test_untranslated_story_is_shown_in_chinese_on_the_mongolian_site_with_a_notice(client, story):
    response = client.get("/mn-mong/stories/ajilaqin/")

    html = response.content.decode()
    assert response.status_code == 200
    assert story.title in html
    assert '<html lang="mn-Mong"' in html
    assert 'class="translation-notice"' in html
    assert '<article class="story" lang="zh-Hans">' in html
    assert f'<link rel="canonical" href="http://localhost{story.url}">' in html
    assert "2025年5月13日" in html  # the Chinese page keeps its Chinese labels and dates


def test_untranslated_story_below_a_translated_index_falls_back_too(client, story, index, locales):
    translate(index, locales["mn"], title="ᠦᠯᠢᠭᠡᠷ")

    response = client.get("/mn-mong/stories/ajilaqin/")

    assert response.status_code == 200
    assert story.title in response.content.decode()


def test_draft_translation_is_not_served_the_source_is(client, story, locales):
    draft = story.copy_for_translation(locales["mn"], copy_parents=True)
    draft.title = MONGOLIAN_TITLE
    draft.save_revision()

    html = client.get("/mn-mong/stories/ajilaqin/").content.decode()

    assert MONGOLIAN_TITLE not in html
    assert story.title in html


def test_a_page_that_exists_in_no_language_is_still_a_404(client, story):
    assert client.get("/mn-mong/stories/no-such-story/").status_code == 404
    assert client.get("/zh-hans/stories/no-such-story/").status_code == 404


def test_translated_page_lists_both_languages_and_x_default(client, story, locales):
    mongolian = translate(story, locales["mn"], title=MONGOLIAN_TITLE)

    html = client.get(mongolian.url).content.decode()

    alternates = links(html, "alternate")
    assert f'<link rel="alternate" hreflang="zh-Hans" href="http://localhost{story.url}">' in alternates
    assert f'<link rel="alternate" hreflang="mn-Mong" href="http://localhost{mongolian.url}">' in alternates
    assert f'<link rel="alternate" hreflang="x-default" href="http://localhost{story.url}">' in alternates
    assert links(html, "canonical") == [f'<link rel="canonical" href="http://localhost{mongolian.url}">']


def test_untranslated_page_lists_only_its_published_languages(client, story, locales):
    html = client.get(story.url).content.decode()

    hreflangs = re.findall(r'hreflang="([^"]+)" href', html)
    assert hreflangs == ["zh-Hans", "x-default"]


def test_aliases_and_drafts_are_not_translations(story, locales):
    draft = story.copy_for_translation(locales["mn"], copy_parents=True)  # parents become aliases
    index_alias = draft.get_parent()

    assert index_alias.alias_of_id is not None
    assert [page.pk for page in published_translations(story)] == [story.pk]
    assert [page.pk for page in published_translations(index_alias)] == [index_alias.alias_of_id]


def test_switcher_goes_to_the_same_page_in_the_other_language(client, story, locales):
    mongolian = translate(story, locales["mn"], title=MONGOLIAN_TITLE)

    zh_html = client.get(story.url).content.decode()
    mn_html = client.get(mongolian.url).content.decode()

    assert f'href="{mongolian.url}" lang="mn-Mong" hreflang="mn-Mong"' in zh_html
    assert f'href="{story.url}" lang="zh-Hans" hreflang="zh-Hans"' in mn_html
    assert '<span class="language-switcher__current" lang="mn-Mong" aria-current="true">ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ</span>' in mn_html


def test_switcher_goes_to_the_mongolian_fallback_of_an_untranslated_page(client, story):
    html = client.get(story.url).content.decode()

    assert 'href="/mn-mong/stories/ajilaqin/" lang="mn-Mong" hreflang="mn-Mong" rel="nofollow"' in html
    assert client.get("/mn-mong/stories/ajilaqin/").status_code == 200


def test_fallback_url_keeps_the_path_below_the_site_root(story):
    assert fallback_url(story, "mn-mong") == "/mn-mong/stories/ajilaqin/"
    assert fallback_url(story, "zh-hans") == "/zh-hans/stories/ajilaqin/"


def test_language_versions_are_computed_once_per_request(rf, story, django_assert_max_num_queries):
    request = rf.get(story.url)
    with translation.override("zh-hans"):
        language_versions(story, request)
        with django_assert_max_num_queries(0):
            versions = language_versions(story, request)

    assert [(v.code, v.translated, v.current) for v in versions] == [
        ("zh-hans", True, True),
        ("mn-mong", False, False),
    ]


def test_translated_campaign_under_an_untranslated_index_is_reachable(client, home, locales):
    campaign_index = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=campaign_index, slug="unity-month")
    mongolian = translate(campaign, locales["mn"], title="ᠰᠠᠷ\u180eᠠ")

    response = client.get(mongolian.url)

    assert response.status_code == 200
    assert "ᠰᠠᠷ\u180eᠠ" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "2025年5月13日"),
        ("mn-mong", "2025 ᠣᠨ\u202fᠤ 5 ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ 13"),
    ],
)
def test_dates_follow_the_language(language, expected):
    with translation.override(language):
        assert formats.date_format(datetime.date(2025, 5, 13), "DATE_FORMAT") == expected


def test_mongolian_story_date_stands_short_numbers_upright(client, story, locales):
    mongolian = translate(story, locales["mn"], title=MONGOLIAN_TITLE)

    html = client.get(mongolian.url).content.decode()

    assert (
        '<time datetime="2025-05-13">2025 ᠣᠨ\u202fᠤ <span class="tcy">5</span> ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ '
        '<span class="tcy">13</span></time>'
    ) in html


def test_mongolian_pages_load_the_vertical_styles_and_font_chinese_pages_do_not(client, story, locales):
    mongolian = translate(story, locales["mn"], title=MONGOLIAN_TITLE)

    mn_html = client.get(mongolian.url).content.decode()
    zh_html = client.get(story.url).content.decode()

    assert "css/mongolian.css" in mn_html
    assert "fonts/NotoSansMongolian-Shiliu.woff2" in mn_html
    assert '<main id="main" class="vertical-main" tabindex="0" aria-label="' in mn_html
    assert "css/mongolian.css" not in zh_html
    assert '<main id="main" tabindex="-1">' in zh_html


def test_feeds_declare_the_language_of_their_stories(client, story, locales):
    mongolian_index = translate(story.get_parent().specific, locales["mn"], title="ᠦᠯᠢᠭᠡᠷ")

    zh = client.get("/zh-hans/stories/feed/rss/").content.decode()
    mn = client.get(mongolian_index.url + "feed/rss/").content.decode()

    assert "<language>zh-Hans</language>" in zh
    assert "<language>mn-Mong</language>" in mn
