"""Renditions are served from local storage with cache headers; originals and documents never are."""

import pytest
import wagtail_factories

pytestmark = pytest.mark.django_db


def test_rendition_is_served_with_cache_headers_and_revalidates(client, settings):
    image = wagtail_factories.ImageFactory()
    rendition = image.get_rendition("width-200")
    assert rendition.url.startswith("/media/images/")

    response = client.get(rendition.url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert f"max-age={settings.MEDIA_CACHE_MAX_AGE}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    again = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_originals_and_documents_are_not_served_from_media(client):
    image = wagtail_factories.ImageFactory()

    assert client.get(f"/media/{image.file.name}").status_code == 404
    assert client.get("/media/documents/teacher-only.pdf").status_code == 404
    assert client.get("/media/images/../original_images/x.jpg").status_code in (400, 404)


def test_missing_rendition_is_a_404_not_an_error(client):
    assert client.get("/media/images/no-such-file.width-200.jpg").status_code == 404
