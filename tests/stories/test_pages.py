"""What residents see on story pages and the story index."""

import datetime

import feedparser
import pytest
import wagtail_factories

from stories.models import Place
from tests.factories import (
    EthnicGroupFactory,
    PlaceFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def story(index):
    community = PlaceFactory(name="阿吉拉沁社区")
    return StoryPageFactory(
        parent=index,
        title="红石榴驿站开在家门口",
        slug="station",
        place=community,
        author="其其格",
        reviewer="王建国",
        source="东街街道",
        themes=[ThemeFactory(slug="gongju", name="共居")],
        ethnic_groups=[EthnicGroupFactory(code="02", name="蒙古族")],
        body=[
            ("paragraph", "<p>各族居民在驿站里拉家常。</p>"),
            ("quote", {"quote": "下楼就能问清楚。", "attribution": "居民乌云"}),
            (
                "figures",
                {"heading": "一年来", "figures": [{"value": "10,600", "unit": "人次", "label": "接待居民"}]},
            ),
        ],
    )


def test_story_page_shows_body_blocks_byline_and_filing(client, story):
    response = client.get(story.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "红石榴驿站开在家门口" in html
    assert "各族居民在驿站里拉家常。" in html
    assert "下楼就能问清楚。" in html and "居民乌云" in html
    assert "10,600" in html and "接待居民" in html
    assert "其其格" in html and "王建国" in html and "东街街道" in html
    assert "2025年5月13日" in html
    assert "共居" in html and "蒙古族" in html and "阿吉拉沁社区" in html


def test_story_page_has_a_server_made_qr_code_of_its_url(client, story):
    html = client.get(story.url).content.decode()

    assert '<svg role="img" width="' in html and 'class="qr-code"' in html
    assert "<title>红石榴驿站开在家门口</title>" in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html


def test_story_page_carries_open_graph_tags(client, story):
    html = client.get(story.url).content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="红石榴驿站开在家门口">' in html
    assert f'<meta property="og:url" content="{story.full_url}">' in html


def test_index_lists_live_stories_newest_first_and_hides_drafts(client, index):
    old = StoryPageFactory(parent=index, title="旧故事", date=datetime.date(2024, 3, 1))
    new = StoryPageFactory(parent=index, title="新故事", date=datetime.date(2025, 9, 1))
    draft = StoryPageFactory(parent=index, title="草稿故事")
    draft.unpublish()

    html = client.get(index.url).content.decode()

    assert html.index(new.title) < html.index(old.title)
    assert "草稿故事" not in html


def test_index_filters_by_place_including_everything_below_it(client, index):
    city = PlaceFactory(name="呼和浩特市", level=Place.Level.CITY)
    community = PlaceFactory(name="光明社区", parent=city)
    elsewhere = PlaceFactory(name="包头市", level=Place.Level.CITY)
    StoryPageFactory(parent=index, title="光明社区的故事", place=community)
    StoryPageFactory(parent=index, title="包头的故事", place=elsewhere)

    html = client.get(index.url, {"place": city.pk}).content.decode()

    assert "光明社区的故事" in html
    assert "包头的故事" not in html


def test_index_filters_by_theme_group_and_year(client, index):
    theme = ThemeFactory(slug="gongxue", name="共学")
    hui = EthnicGroupFactory(code="03", name="回族")
    StoryPageFactory(parent=index, title="共学的故事", themes=[theme], date=datetime.date(2025, 1, 2))
    StoryPageFactory(parent=index, title="回族邻居的故事", ethnic_groups=[hui], date=datetime.date(2024, 1, 2))

    assert "共学的故事" in client.get(index.url, {"theme": "gongxue"}).content.decode()
    assert "回族邻居的故事" not in client.get(index.url, {"theme": "gongxue"}).content.decode()
    assert "回族邻居的故事" in client.get(index.url, {"group": "03"}).content.decode()
    by_year = client.get(index.url, {"year": "2024"}).content.decode()
    assert "回族邻居的故事" in by_year and "共学的故事" not in by_year


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"place": "99999"},
        {"theme": "<script>"},
        {"page": "999"},
        {"page": "-1"},
        {"page": "²"},
        {"page": "٣"},
        {"page": "9" * 20},
        {"group": "x" * 5000},
    ],
)
def test_index_answers_bad_filter_values_with_a_page_not_an_error(client, index, query):
    StoryPageFactory(parent=index, title="还在的故事")

    response = client.get(index.url, query)

    assert response.status_code == 200
    assert "还在的故事" in response.content.decode()


def test_index_reports_unrecognised_filters(client, index):
    html = client.get(index.url, {"year": "abc"}).content.decode()

    assert 'role="alert"' in html


def test_index_paginates_twelve_a_page_and_keeps_filters_in_page_links(client, index):
    theme = ThemeFactory(slug="gongle")
    for n in range(14):
        StoryPageFactory(parent=index, title=f"第{n:02d}个故事", themes=[theme], date=datetime.date(2025, 1, n + 1))

    first = client.get(index.url, {"theme": "gongle"}).content.decode()
    second = client.get(index.url, {"theme": "gongle", "page": 2}).content.decode()

    assert first.count('class="card"') == 12
    assert second.count('class="card"') == 2
    assert "?theme=gongle&amp;page=2" in first


def test_index_costs_the_same_number_of_queries_for_2_or_12_stories(client, index, django_assert_max_num_queries):
    theme, group, place = ThemeFactory(), EthnicGroupFactory(), PlaceFactory()
    StoryPageFactory(parent=index, themes=[theme], ethnic_groups=[group], place=place)
    StoryPageFactory(parent=index, themes=[theme], ethnic_groups=[group], place=place)
    client.get(index.url)  # warm caches (site root paths, locale)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import page_cache

    page_cache().clear()  # rendered, not answered from the page cache
    with CaptureQueriesContext(connection) as few:
        client.get(index.url)
    for _ in range(10):
        StoryPageFactory(parent=index, themes=[theme], ethnic_groups=[group], place=place)
    page_cache().clear()
    with CaptureQueriesContext(connection) as many:
        client.get(index.url)

    assert len(many) == len(few)


def test_rss_and_atom_feeds_list_stories_with_their_dates(client, index):
    StoryPageFactory(parent=index, title="订阅的故事", summary="摘要文字", date=datetime.date(2025, 5, 13))

    rss = feedparser.parse(client.get(index.url + "feed/rss/").content)
    atom = feedparser.parse(client.get(index.url + "feed/atom/").content)

    assert rss.feed.title == index.title and atom.feed.title == index.title
    assert [entry.title for entry in rss.entries] == ["订阅的故事"]
    assert rss.entries[0].summary == "摘要文字"
    assert rss.entries[0].published_parsed[:3] == (2025, 5, 12)  # midnight Shanghai is 16:00 UTC the day before
    assert atom.entries[0].link.endswith("/zh-hans/stories/" + atom.entries[0].link.rstrip("/").split("/")[-1] + "/")


def test_index_links_its_feeds_for_feed_readers(client, index):
    html = client.get(index.url).content.decode()

    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html


def test_story_page_can_be_created_under_an_index_only(index, home):
    from stories.models import StoryIndexPage, StoryPage

    assert StoryPage.can_create_at(index)
    assert not StoryPage.can_create_at(home)
    assert StoryIndexPage.can_create_at(home)


def test_a_main_image_that_is_also_a_body_photo_is_shown_once(client, index):
    photo, other = wagtail_factories.ImageFactory(title="邻里节合影"), wagtail_factories.ImageFactory(title="驿站")
    body = [("image", {"image": photo, "alt_text": "邻里节合影", "caption": "邻里节上的各族居民", "credit": ""})]
    imported = StoryPageFactory(parent=index, slug="imported", hero_image=photo, body=body)
    written = StoryPageFactory(parent=index, slug="written", hero_image=other, body=body)

    imported_html = client.get(imported.url).content.decode()
    written_html = client.get(written.url).content.decode()

    assert imported_html.count("<img") == written_html.count("<img") - 1
    assert 'class="story__hero"' not in imported_html and 'class="story__hero"' in written_html
    assert "邻里节上的各族居民" in imported_html  # the photo stays where the author put it, with its caption
