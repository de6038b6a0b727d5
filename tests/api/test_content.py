"""The content API: stories, campaigns and the newer page types, as a mini-program reads them."""

import datetime

import pytest

from tests.albums.factories import PhotoImageFactory
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

STORIES = {"type": "stories.StoryPage"}


def listing(client, **params):
    response = client.get("/api/v2/pages/", {**STORIES, **params})
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [item["title"] for item in data["items"]]


def test_a_story_listing_carries_what_a_card_shows(client, stories):
    data = listing(client)
    item = next(item for item in data["items"] if item["id"] == stories["community"].pk)

    assert data["meta"]["total_count"] == 3
    assert item["summary"] == stories["community"].summary
    assert item["date"] == "2024-03-08"  # the story's own date, not when it was published
    assert item["place"] == {"id": stories["community"].place_id, "name": "阿吉拉沁社区", "level": 5}
    assert item["themes"] == [{"slug": "gongju", "name": "共居"}]
    assert item["ethnic_groups"] == [{"code": "02", "name": "蒙古族"}]
    assert item["byline"] == {"author": "王芳", "reviewer": "", "source": "阿吉拉沁社区", "responsible_editor": ""}
    renditions = item["image"]["renditions"]
    assert set(renditions) == {"thumbnail", "phone", "phone_2x"}
    assert renditions["thumbnail"]["width"] == 360 and renditions["thumbnail"]["height"] == 240
    assert (renditions["phone"]["width"], renditions["phone"]["height"]) == (750, 562)
    assert item["image"]["width"] == 2000  # the original's size, but not its address
    assert all(rendition["url"].startswith("http://localhost/media/images/") for rendition in renditions.values())
    assert "original_images" not in str(data)


def test_stories_come_newest_first_by_their_own_date(client, stories):
    assert titles(listing(client)) == ["别处的故事", "鄂尔多斯的故事", "阿吉拉沁社区的石榴籽"]


def test_the_place_filter_takes_every_place_below_it(client, stories, places):
    assert titles(listing(client, place=places["region"].pk)) == ["鄂尔多斯的故事", "阿吉拉沁社区的石榴籽"]
    assert titles(listing(client, place=places["community"].pk)) == ["阿吉拉沁社区的石榴籽"]
    assert titles(listing(client, place=999999)) == []


def test_theme_ethnic_group_and_year_filters(client, stories):
    assert titles(listing(client, theme="gongju")) == ["阿吉拉沁社区的石榴籽"]
    assert titles(listing(client, ethnic_group="02")) == ["阿吉拉沁社区的石榴籽"]
    assert titles(listing(client, year=2025)) == ["别处的故事", "鄂尔多斯的故事"]
    assert titles(listing(client, theme="nothing")) == []


def test_the_language_filter_lists_the_mongolian_translation(client, stories, mn_index, locales):
    from tests.api.conftest import publish_translation

    translation = publish_translation(stories["community"], locales["mn"])
    theme = stories["community"].themes.get()
    mongolian_theme = theme.copy_for_translation(locales["mn"])
    mongolian_theme.name = "ᠬᠠᠮᠲᠤ ᠠᠮᠢᠳᠤᠷᠠᠬᠤ"
    mongolian_theme.save()

    item = listing(client, locale="mn-mong")["items"][0]
    assert [item["title"] for item in listing(client, locale="mn-mong")["items"]] == [translation.title]
    assert item["date"] == "2024-03-08"
    assert item["themes"] == [{"slug": "gongju", "name": "ᠬᠠᠮᠲᠤ ᠠᠮᠢᠳᠤᠷᠠᠬᠤ"}]  # named in the page's language
    assert titles(listing(client, locale="mn-mong", place=stories["community"].place_id)) == [translation.title]
    assert len(listing(client, locale="zh-hans")["items"]) == 3


def test_a_story_detail_has_the_body_as_blocks_and_as_html(client, stories):
    story = stories["community"]
    data = client.get(f"/api/v2/pages/{story.pk}/").json()

    assert data["body"][0]["type"] == "paragraph"
    assert "各族居民一起包饺子" in str(data["body"][0]["value"])
    assert "<p>各族居民一起包饺子。</p>" in data["body_html"]
    assert data["date"] == "2024-03-08"
    assert data["meta"]["type"] == "stories.StoryPage"


def test_pagination_is_bounded(client, stories):
    assert len(listing(client, limit=2)["items"]) == 2
    assert titles(listing(client, limit=2, offset=2)) == ["阿吉拉沁社区的石榴籽"]
    response = client.get("/api/v2/pages/", {"limit": 21})
    assert response.status_code == 400
    assert response.json() == {"message": "limit must be an integer from 1 to 20"}


def test_answers_may_be_cached_briefly(client, stories):
    response = client.get("/api/v2/pages/", STORIES)
    assert "max-age=60" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert "no-cache" in client.get("/api/v2/pages/", {"limit": "x"})["Cache-Control"]


def test_a_campaign_listing_and_detail(client, home):
    campaigns = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(
        parent=campaigns, results="<p>举办活动 36 场</p>", body=[("paragraph", "<p>活动月开幕。</p>")]
    )
    CampaignPageFactory(
        parent=campaigns, kind="law-week", start_date=datetime.date(2025, 12, 1), end_date=datetime.date(2025, 12, 7)
    )

    data = client.get("/api/v2/pages/", {"type": "campaigns.CampaignPage", "kind": "unity-month"}).json()
    detail = client.get(f"/api/v2/pages/{campaign.pk}/").json()

    assert [item["id"] for item in data["items"]] == [campaign.pk]
    assert data["items"][0]["start_date"] == "2026-09-01" and data["items"][0]["end_date"] == "2026-09-30"
    assert "举办活动 36 场" in detail["results_html"]
    assert "活动月开幕" in detail["body_html"]
    by_year = client.get("/api/v2/pages/", {"type": "campaigns.CampaignPage", "year": 2025}).json()
    assert [item["kind"] for item in by_year["items"]] == ["law-week"]


def test_courses_events_albums_and_materials_have_their_fields(client, home):
    from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory

    albums = AlbumIndexPageFactory(parent=home)
    album = FestivalAlbumPageFactory(parent=albums, event_name="那达慕", date=datetime.date(2025, 7, 20))
    album.photos.create(image=PhotoImageFactory(), caption="摔跤比赛", photographer="巴特尔")
    album.save_revision().publish()

    listed = client.get("/api/v2/pages/", {"type": "albums.FestivalAlbumPage"}).json()["items"][0]
    detail = client.get(f"/api/v2/pages/{album.pk}/").json()

    assert listed["event_name"] == "那达慕" and listed["date"] == "2025-07-20"
    assert detail["photos"][0]["caption"] == "摔跤比赛"
    assert detail["photos"][0]["image"]["renditions"]["phone"]["url"].startswith("http://localhost/media/images/")


def test_a_new_page_type_gets_an_api_by_declaring_its_fields(client, home):
    """tests/testapp's workshops declare api_fields, api_listing_fields and api_filters only."""
    from tests.testapp.models import WorkshopIndexPage, WorkshopPage

    index = home.add_child(instance=WorkshopIndexPage(title="非遗工作坊", slug="workshops"))
    for day, venue in [(datetime.date(2024, 1, 5), "活动室"), (datetime.date(2025, 2, 6), "礼堂")]:
        index.add_child(instance=WorkshopPage(title=f"剪纸{day.year}", date=day, venue=venue, author="李老师"))

    data = client.get("/api/v2/pages/", {"type": "testapp.WorkshopPage", "venue": "礼堂"}).json()
    newest_first = client.get("/api/v2/pages/", {"type": "testapp.WorkshopPage"}).json()

    assert [(item["title"], item["date"], item["byline"]["author"]) for item in data["items"]] == [
        ("剪纸2025", "2025-02-06", "李老师")
    ]
    assert [item["title"] for item in newest_first["items"]] == ["剪纸2025", "剪纸2024"]
    assert client.get("/api/v2/pages/", {"type": "testapp.WorkshopPage", "year": "2024"}).json()["meta"] == {
        "total_count": 1
    }
    # A filter another type declares is not one of this type's.
    assert client.get("/api/v2/pages/", {"type": "testapp.WorkshopPage", "theme": "x"}).status_code == 400


def test_a_story_listing_costs_the_same_queries_for_few_or_many_stories(client, stories, index, places):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        client.get("/api/v2/pages/", STORIES)  # renditions are made on the first request
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v2/pages/", STORIES).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(6):
        StoryPageFactory(
            parent=index,
            place=places["community"],
            hero_image=PhotoImageFactory(),
            themes=list(stories["community"].themes.all()),
        )
    assert queries() == few
