"""Listings on the Mongolian site: the Mongolian page where there is one, the Chinese page with
a notice where there is not, never an empty list (core.i18n.below_in_reader_language)."""

import datetime
from urllib.parse import unquote

import pytest

from django.utils import timezone

from wagtail.models import Locale

from albums.models import FestivalAlbumPage
from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory
from tests.classroom.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, StoryIndexPageFactory, StoryPageFactory
from tests.materials.factories import MaterialIndexPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db

NOTICE = "ᠣᠳᠣ ᠪᠣᠯᠲᠠᠯ᠎ᠠ ᠣᠷᠴᠢᠭᠤᠯᠤᠭᠳᠠᠭ᠎ᠠ ᠦᠭᠡᠢ"


def mongolian_version(page, title: str):
    """The page's Mongolian translation, published (its parent must be translated already)."""
    translated = page.specific.copy_for_translation(Locale.objects.get(language_code="mn-mong"))
    translated.title = title
    translated.save_revision().publish()
    return translated


@pytest.fixture
def mongolian_home(home):
    return mongolian_version(home, "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ")


def listed_link(html: str, title: str) -> str:
    """The href of the link whose text is ``title``."""
    end = html.index(f">{title}</a>")
    start = html.rindex('href="', 0, end) + len('href="')
    return unquote(html[start : html.index('"', start)])


def test_mongolian_story_index_lists_translations_and_untranslated_stories(client, home, mongolian_home):
    index = StoryIndexPageFactory(parent=home)
    mongolian_version(index, "ᠦᠯᠢᠭᠡᠷ")
    translated = StoryPageFactory(parent=index, slug="translated", title="已翻译的故事")
    mongolian_version(translated, "ᠣᠷᠴᠢᠭᠤᠯᠤᠭᠰᠠᠨ ᠦᠯᠢᠭᠡᠷ")
    StoryPageFactory(parent=index, slug="untranslated", title="还没翻译的故事")
    draft = StoryPageFactory(parent=index, slug="draft-translation", title="译文还是草稿的故事")
    draft.copy_for_translation(Locale.objects.get(language_code="mn-mong"))  # a translation not yet published

    html = client.get("/mn-mong/stories/").content.decode()

    assert "ᠣᠷᠴᠢᠭᠤᠯᠤᠭᠰᠠᠨ ᠦᠯᠢᠭᠡᠷ" in html
    assert "已翻译的故事" not in html  # never both versions
    assert listed_link(html, "还没翻译的故事") == "/mn-mong/stories/untranslated/"
    assert listed_link(html, "译文还是草稿的故事") == "/mn-mong/stories/draft-translation/"
    assert html.count(NOTICE) == 2
    assert client.get("/mn-mong/stories/untranslated/").status_code == 200


def test_mongolian_campaign_index_and_home_show_an_untranslated_current_campaign(client, home, mongolian_home):
    index = CampaignIndexPageFactory(parent=home)
    mongolian_version(index, "ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ᠎ᠠ")
    today = timezone.localdate()
    CampaignPageFactory(
        parent=index,
        slug="running",
        title="民族团结进步活动月",
        start_date=today - datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=20),
    )
    CampaignPageFactory(parent=index, slug="past", title="民族法治宣传周", start_date=datetime.date(2025, 9, 1))

    campaigns = client.get("/mn-mong/campaigns/").content.decode()
    home_html = client.get("/mn-mong/").content.decode()

    assert listed_link(campaigns, "民族团结进步活动月") == "/mn-mong/campaigns/running/"
    assert listed_link(campaigns, "民族法治宣传周") == "/mn-mong/campaigns/past/"
    assert campaigns.count(NOTICE) == 2
    assert listed_link(home_html, "民族团结进步活动月") == "/mn-mong/campaigns/running/"


def test_mongolian_home_shows_latest_stories_and_album_from_chinese_when_untranslated(client, home, mongolian_home):
    index = StoryIndexPageFactory(parent=home)
    StoryPageFactory(parent=index, slug="only-chinese", title="只有中文的故事")
    albums = AlbumIndexPageFactory(parent=home)
    mongolian_version(albums, "ᠵᠢᠷᠤᠭ\u202fᠤᠨ ᠴᠣᠮᠣᠭ")
    FestivalAlbumPageFactory(parent=albums, slug="festival", title="石榴花开文化节")

    html = client.get("/mn-mong/").content.decode()

    assert listed_link(html, "只有中文的故事") == "/mn-mong/stories/only-chinese/"
    assert listed_link(html, "石榴花开文化节") == "/mn-mong/albums/festival/"


def test_mongolian_album_material_and_calendar_listings_are_never_empty(client, home, mongolian_home):
    albums = AlbumIndexPageFactory(parent=home)
    mongolian_version(albums, "ᠵᠢᠷᠤᠭ\u202fᠤᠨ ᠴᠣᠮᠣᠭ")
    translated_album = FestivalAlbumPageFactory(parent=albums, slug="translated", title="那达慕相册")
    mongolian_version(translated_album, "ᠨᠠᠭᠠᠳᠤᠮ\u202fᠤᠨ ᠵᠢᠷᠤᠭ")
    FestivalAlbumPageFactory(parent=albums, slug="festival", title="石榴花开文化节")
    materials = MaterialIndexPageFactory(parent=home)
    mongolian_version(materials, "ᠰᠤᠷᠭᠠᠨ ᠬᠦᠮᠦᠵᠢᠯ\u202fᠦᠨ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ")
    MaterialPageFactory(parent=materials, slug="lesson", title="民族团结教案")
    calendar = EventIndexPageFactory(parent=home)
    mongolian_version(calendar, "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ\u202fᠤᠨ ᠬᠢᠴᠢᠶᠡᠯ\u202fᠦᠨ ᠬᠠᠭᠠᠯᠢ")
    start = timezone.localdate() + datetime.timedelta(days=2)
    EventPageFactory(parent=calendar, slug="naadam", title="社区那达慕", start_date=start, end_date=start)

    album_html = client.get("/mn-mong/albums/").content.decode()
    material_html = client.get("/mn-mong/materials/").content.decode()
    calendar_html = client.get("/mn-mong/events/").content.decode()

    assert "ᠨᠠᠭᠠᠳᠤᠮ\u202fᠤᠨ ᠵᠢᠷᠤᠭ" in album_html
    assert "那达慕相册" not in album_html
    assert listed_link(album_html, "石榴花开文化节") == "/mn-mong/albums/festival/"
    assert FestivalAlbumPage.objects.filter(slug="festival").count() == 1
    assert listed_link(material_html, "民族团结教案") == "/mn-mong/materials/lesson/"
    assert NOTICE in material_html
    assert listed_link(calendar_html, "社区那达慕") == "/mn-mong/events/naadam/"


def test_chinese_listings_are_unchanged(client, home, mongolian_home):
    index = StoryIndexPageFactory(parent=home)
    translated = StoryPageFactory(parent=index, slug="translated", title="已翻译的故事")
    mongolian_version(index, "ᠦᠯᠢᠭᠡᠷ")
    mongolian_version(translated, "ᠣᠷᠴᠢᠭᠤᠯᠤᠭᠰᠠᠨ ᠦᠯᠢᠭᠡᠷ")

    html = client.get("/zh-hans/stories/").content.decode()

    assert listed_link(html, "已翻译的故事") == "/zh-hans/stories/translated/"
    assert "ᠣᠷᠴᠢᠭᠤᠯᠤᠭᠰᠠᠨ ᠦᠯᠢᠭᠡᠷ" not in html
    assert NOTICE not in html
