"""The images API gives no address of an original file (the leaks themselves: tests/api/test_leaks.py)."""

import pytest

from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, PhotoImageFactory

pytestmark = pytest.mark.django_db


def test_images_api_lists_images_without_the_original_file(client, home):
    image = PhotoImageFactory()
    album = FestivalAlbumPageFactory(parent=AlbumIndexPageFactory(parent=home))
    album.photos.create(image=image)
    album.save_revision().publish()  # the API lists only images a live page uses

    listing = client.get("/api/v2/images/", {"fields": "*"}).json()
    detail = client.get(f"/api/v2/images/{image.pk}/").json()

    assert [item["id"] for item in listing["items"]] == [image.pk]
    assert "download_url" not in listing["items"][0]["meta"]
    assert "download_url" not in detail["meta"]
    assert "original_images" not in str(listing) + str(detail)
