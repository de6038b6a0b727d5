"""The admin of a large album stays workable: its edit page with 300 photos, measured."""

import time

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, add_photos

pytestmark = pytest.mark.django_db

PHOTOS = 300


def test_edit_page_of_a_300_photo_album(client, admin_user, home):
    album = FestivalAlbumPageFactory(parent=AlbumIndexPageFactory(parent=home))
    add_photos(album, PHOTOS)
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:edit", args=[album.pk])
    client.get(url)  # admin thumbnails made once, as after the first visit

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert response.content.decode().count('name="photos-') >= PHOTOS
    print(f"edit page, {PHOTOS} photos: {elapsed:.2f} s, {len(queries)} queries, {len(response.content) // 1024} KB")
    assert len(queries) < 100, "the photos' images must not cost a query each"
    assert elapsed < 10
