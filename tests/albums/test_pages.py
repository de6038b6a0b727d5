import datetime
import re

import pytest

from albums.models import AlbumIndexPage, FestivalAlbumPage
from home.models import HomePage
from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, add_photos
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return AlbumIndexPageFactory(parent=home)


def test_album_pages_can_be_created_where_they_belong(home, index):
    assert AlbumIndexPage.can_create_at(home)
    assert FestivalAlbumPage.can_create_at(index)
    assert not FestivalAlbumPage.can_create_at(home)


def test_album_index_lists_albums_newest_first_and_filters_by_year_and_place(client, index):
    place = PlaceFactory(name="新华社区")
    FestivalAlbumPageFactory(parent=index, title="那达慕2024", date=datetime.date(2024, 7, 1))
    FestivalAlbumPageFactory(parent=index, title="春节2025", date=datetime.date(2025, 2, 1), place=place)

    html = client.get(index.url).content.decode()
    assert html.index("春节2025") < html.index("那达慕2024")

    html = client.get(index.url, {"year": 2024}).content.decode()
    assert "那达慕2024" in html and "春节2025" not in html
    html = client.get(index.url, {"place": place.pk}).content.decode()
    assert "春节2025" in html and "那达慕2024" not in html
    assert client.get(index.url, {"year": "abc"}).status_code == 200


def test_album_renders_photos_in_order_with_avif_webp_and_jpeg_sources(client, index):
    album = FestivalAlbumPageFactory(parent=index)
    photos = add_photos(album, 8, cover=3)

    response = client.get(album.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert [photo.caption for photo in photos] == [f"照片说明{n}" for n in range(1, 9)]
    assert html.index("照片说明2") < html.index("照片说明8")
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert ".avif" in html and ".webp" in html and ".jpg" in html
    assert "srcset=" in html and "sizes=" in html
    assert re.search(r'<img [^>]*width="\d+"[^>]*height="\d+"', html)  # no layout shift
    assert html.count('loading="lazy"') == 2  # photos 7 and 8: below the first screenful
    assert f'href="{album.url}photo/3/"' in html
    assert "<dialog" in html


def test_each_photo_has_its_own_page(client, index):
    album = FestivalAlbumPageFactory(parent=index)
    add_photos(album, 3)

    html = client.get(f"{album.url}photo/2/").content.decode()

    assert "照片说明2" in html and "2 / 3" in html
    assert f'href="{album.url}photo/1/"' in html and f'href="{album.url}photo/3/"' in html
    assert 'data-lightbox-open="2"' in html
    assert client.get(f"{album.url}photo/4/").status_code == 404
    assert client.get(f"{album.url}photo/0/").status_code == 404


def test_album_page_costs_the_same_queries_for_3_or_30_photos(client, index, django_assert_max_num_queries):
    small = FestivalAlbumPageFactory(parent=index, slug="small")
    large = FestivalAlbumPageFactory(parent=index, slug="large")
    add_photos(small, 3)
    add_photos(large, 30)
    client.get(small.url)
    client.get(large.url)  # renditions made once

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(small.url)
    with CaptureQueriesContext(connection) as many:
        client.get(large.url)
    assert len(many) == len(few)


def test_cover_is_the_marked_photo_else_the_first(index):
    album = FestivalAlbumPageFactory(parent=index)
    photos = add_photos(album, 3, cover=2)
    assert album.cover == photos[1]
    other = FestivalAlbumPageFactory(parent=index)
    first = add_photos(other, 2)[0]
    assert other.cover == first


def test_only_one_cover(index):
    from django.core.exceptions import ValidationError

    album = FestivalAlbumPageFactory(parent=index)
    add_photos(album, 2)
    for photo in album.photos.all():
        photo.is_cover = True
    with pytest.raises(ValidationError):
        album.full_clean()


def test_home_page_shows_the_latest_album(client, home, index):
    FestivalAlbumPageFactory(parent=index, title="旧相册", date=datetime.date(2023, 1, 1))
    latest = FestivalAlbumPageFactory(parent=index, title="新相册", date=datetime.date(2025, 9, 1))
    add_photos(latest, 2)

    html = client.get(home.url).content.decode()

    assert "新相册" in html and "旧相册" not in html
    assert isinstance(home.specific, HomePage)


def test_reordering_photos_changes_their_order_on_the_page(client, index):
    album = FestivalAlbumPageFactory(parent=index)
    photos = add_photos(album, 3)
    draft = album.get_latest_revision_as_object()
    for photo, position in zip(draft.photos.all(), [2, 0, 1], strict=True):  # as InlinePanel's drag and drop saves it
        photo.sort_order = position
    draft.save_revision().publish()

    html = client.get(album.url).content.decode()

    assert html.index("照片说明2") < html.index("照片说明3") < html.index("照片说明1")
    assert len(photos) == 3


def test_album_card_uses_the_first_photo_when_none_is_the_cover(client, index):
    album = FestivalAlbumPageFactory(parent=index, title="无封面相册")
    first = add_photos(album, 2)[0]

    (listed,) = index.albums().for_listing()

    assert listed.cover.caption == first.caption
    assert listed.get_listing_image().pk == first.image_id


def test_album_place_filter_names_places_in_the_page_s_language(index, locales):
    from albums.filters import AlbumFilterForm

    place = PlaceFactory(name="新华社区")
    PlaceFactory(name="没有相册的社区")
    mn_place = place.copy_for_translation(locales["mn"])
    mn_place.name = "\u1825\u1822\u1828\u182c\u1824\u1826"  # a Mongolian name, by code point
    mn_place.save()
    FestivalAlbumPageFactory(parent=index, title="春节2025", place=place)
    albums = FestivalAlbumPage.objects.child_of(index).live()

    chinese = AlbumFilterForm(albums=albums, locale=locales["zh"]).fields["place"].choices
    mongolian = AlbumFilterForm(albums=albums, locale=locales["mn"]).fields["place"].choices
    assert chinese[1:] == [(place.pk, "新华社区")]  # only places some album has
    assert mongolian[1:] == [(place.pk, mn_place.name)]
