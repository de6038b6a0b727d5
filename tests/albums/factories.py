"""Factories for albums: indexes, albums and photos with small generated JPEGs."""

import datetime
import io

import factory
import wagtail_factories
from PIL import Image as PillowImage

from django.core.files.images import ImageFile

from wagtail.images.models import Image

from albums.models import AlbumIndexPage, AlbumPhoto, FestivalAlbumPage


def jpeg_bytes(size=(64, 48), colour=(155, 28, 28), exif=None) -> bytes:
    """A small JPEG, with an EXIF block when ``exif`` (a PIL.Image.Exif) is given."""
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    PillowImage.new("RGB", size, colour).save(buffer, "JPEG", quality=80, **options)
    return buffer.getvalue()


class PhotoImageFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"照片{n}")
    file = factory.LazyAttribute(lambda image: ImageFile(io.BytesIO(jpeg_bytes()), name=f"{image.title}.jpg"))

    class Meta:
        model = Image


class AlbumIndexPageFactory(wagtail_factories.PageFactory):
    title = "节日相册"
    slug = "albums"
    intro = "社区节日活动的照片。"

    class Meta:
        model = AlbumIndexPage


class FestivalAlbumPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"石榴花开文化节{n}")
    event_name = "石榴花开文化节"
    date = datetime.date(2025, 7, 12)
    organisers = "新华街道办事处"
    introduction = "各族居民欢聚一堂。"

    class Meta:
        model = FestivalAlbumPage


def add_photos(album: FestivalAlbumPage, count: int, *, cover: int | None = None) -> list[AlbumPhoto]:
    """Give ``album`` ``count`` photos captioned 照片说明1…, publish it, and return the photos in order."""
    for number in range(1, count + 1):
        album.photos.add(
            AlbumPhoto(
                image=PhotoImageFactory(),
                caption=f"照片说明{number}",
                photographer="王摄影",
                is_cover=number == cover,
                sort_order=number,
            )
        )
    album.save_revision().publish()
    return list(album.photos.all())
