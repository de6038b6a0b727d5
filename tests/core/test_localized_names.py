"""On Mongolian pages, the names of places, the main image's alternative text and the
breadcrumbs are Mongolian wherever a Mongolian version exists."""

import re

import pytest

from wagtail.models import Locale

from stories.models import Place
from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, PhotoImageFactory
from tests.factories import PlaceFactory, StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

PLACE_MN = "ᠠᠵᠢᠯᠴᠢᠨ ᠬᠣᠷᠢᠶᠠᠨ"
INDEX_MN = "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠡᠶᠢᠲᠡ\u202fᠶᠢᠨ ᠦᠯᠢᠭᠡᠷ"
STORY_MN = "ᠠᠵᠢᠯᠴᠢᠨ ᠬᠣᠷᠢᠶᠠᠨ\u202fᠤ ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ\u202fᠤᠨ ᠥᠷᠲᠡᠭᠡ"


def mongolian():
    return Locale.objects.get(language_code="mn-mong")


def mongolian_version(page, title: str):
    translated = page.specific.copy_for_translation(mongolian())
    translated.title = title
    translated.save_revision().publish()
    return translated


@pytest.fixture
def site(home):
    """A Chinese place and a story filed under it, translated before the place was: the
    Mongolian story still points at the Chinese place, as wagtail-localize leaves it."""
    place = PlaceFactory(name="阿吉拉沁社区", level=Place.Level.COMMUNITY)
    index = StoryIndexPageFactory(parent=home, title="民族团结故事")
    image = PhotoImageFactory(title="驿站照片")
    story = StoryPageFactory(parent=index, slug="station", title="红石榴驿站", place=place, hero_image=image)
    StoryPageFactory(parent=index, slug="chinese-only", title="只有中文的故事", place=place)
    mongolian_version(home, "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ")
    mongolian_version(index, INDEX_MN)
    translated = mongolian_version(story, STORY_MN)
    translated_place = place.copy_for_translation(mongolian())
    translated_place.name = PLACE_MN
    translated_place.save()
    assert translated.place_id == place.pk
    return {"index": index, "story": story, "translated": translated, "place": place}


def card(html: str, title: str) -> str:
    """The HTML of the listing card whose link text is ``title``."""
    at = html.index(f">{title}</a>")
    return html[html.rindex("<article", 0, at) : html.index("</article>", at)]


def test_cards_on_a_mongolian_listing_show_the_mongolian_place_name(client, site):
    html = client.get("/mn-mong/stories/").content.decode()

    assert PLACE_MN in card(html, STORY_MN)
    assert "阿吉拉沁社区" not in card(html, STORY_MN)
    assert "阿吉拉沁社区" in card(html, "只有中文的故事")  # a Chinese card stays Chinese throughout


def test_a_mongolian_story_shows_its_place_in_mongolian_and_its_main_image_described_in_mongolian(client, site):
    html = client.get(site["translated"].url).content.decode()

    [hero_alt] = re.findall(r'<img[^>]*alt="([^"]*)"[^>]*>', html[html.index("story__hero") :])[:1]
    assert hero_alt == STORY_MN
    assert "驿站照片" not in html
    assert PLACE_MN in html


def test_the_chinese_story_keeps_the_image_title_as_alternative_text(client, site):
    html = client.get(site["story"].url).content.decode()

    assert 'alt="驿站照片"' in html


def test_breadcrumbs_of_a_mongolian_story_and_of_an_untranslated_one_lead_to_mongolian_pages(client, site):
    translated = client.get(site["translated"].url).content.decode()
    fallback = client.get("/mn-mong/stories/chinese-only/").content.decode()

    for html in (translated, fallback):
        trail = html[html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))]
        assert f'<a href="/mn-mong/stories/">{INDEX_MN}</a>' in trail
        assert "民族团结故事" not in trail
        assert "/zh-hans/" not in trail


def test_album_page_and_card_show_the_mongolian_place(client, site, home):
    albums = AlbumIndexPageFactory(parent=home)
    mongolian_version(albums, "ᠵᠢᠷᠤᠭ\u202fᠤᠨ ᠴᠣᠮᠣᠭ")
    album = FestivalAlbumPageFactory(parent=albums, slug="festival", place=site["place"])
    translated = mongolian_version(album, "ᠨᠠᠭᠠᠳᠤᠮ\u202fᠤᠨ ᠵᠢᠷᠤᠭ")

    page_html = client.get(translated.url).content.decode()
    index_html = client.get("/mn-mong/albums/").content.decode()

    assert PLACE_MN in page_html
    assert PLACE_MN in card(index_html, "ᠨᠠᠭᠠᠳᠤᠮ\u202fᠤᠨ ᠵᠢᠷᠤᠭ")
