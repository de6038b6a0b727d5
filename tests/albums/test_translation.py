"""Album photos are translated with the page: captions and credits translated, images and cover kept."""

import pytest

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, add_photos

pytestmark = pytest.mark.django_db


def test_photo_captions_are_translated_and_images_kept(home, locales):
    index = AlbumIndexPageFactory(parent=home)
    album = FestivalAlbumPageFactory(parent=index)
    photos = add_photos(album, 2, cover=2)
    home.copy_for_translation(locales["mn"]).save_revision().publish()
    index.copy_for_translation(locales["mn"]).save_revision().publish()

    source, _created = TranslationSource.get_or_create_from_instance(album)
    translation = Translation.objects.create(source=source, target_locale=locales["mn"])
    strings = {segment.string.data: segment for segment in source.stringsegment_set.select_related("string")}
    assert "照片说明1" in strings and "王摄影" in strings
    StringTranslation.objects.create(
        translation_of=strings["照片说明1"].string,
        locale=locales["mn"],
        context=strings["照片说明1"].context,
        data="ᠨᠠᠭᠠᠳᠣᠮ",
    )
    translation.save_target(publish=True)

    translated = album.get_translation(locales["mn"])
    translated_photos = list(translated.photos.all())
    assert [photo.caption for photo in translated_photos] == ["ᠨᠠᠭᠠᠳᠣᠮ", "照片说明2"]
    assert [photo.image_id for photo in translated_photos] == [photo.image_id for photo in photos]
    assert [photo.is_cover for photo in translated_photos] == [False, True]
    assert all(photo.locale_id == locales["mn"].pk for photo in translated_photos)
