"""load_demo adds two albums (captioned in Mongolian too) and a materials library, idempotently."""

import re

import pytest

from django.core.management import call_command

from albums.models import AlbumPhoto, FestivalAlbumPage
from devtools.demo.materials import MATERIALS_MONGOLIAN
from materials.models import MaterialPage

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def test_demo_albums_and_materials_in_both_languages(client):
    with open("/dev/null", "w") as quiet:
        call_command("load_demo", stdout=quiet)
        counts = (FestivalAlbumPage.objects.count(), AlbumPhoto.objects.count(), MaterialPage.objects.count())
        call_command("load_demo", stdout=quiet)

    assert (FestivalAlbumPage.objects.count(), AlbumPhoto.objects.count(), MaterialPage.objects.count()) == counts
    assert FestivalAlbumPage.objects.filter(locale__language_code="zh-hans").count() == 2
    assert MaterialPage.objects.filter(locale__language_code="zh-hans").count() >= 8
    for language in ("zh-hans", "mn-mong"):  # the Mongolian translations keep their teacher-only files
        assert MaterialPage.objects.filter(teacher_only=True, locale__language_code=language).count() == 2

    album = FestivalAlbumPage.objects.get(locale__language_code="mn-mong", slug="ajilaqin-naadam-2025")
    html = client.get(album.url).content.decode()
    assert "ᠪᠥᠬᠡᠴᠢᠨ" in html  # a Mongolian caption
    assert "vertical-main" in html
    assert not CYRILLIC.search(html)

    assert client.get("/zh-hans/materials/").status_code == 200
    html = client.get("/mn-mong/materials/").content.decode()
    assert MATERIALS_MONGOLIAN["石榴籽一家亲主题班会"] in html and "石榴籽一家亲主题班会" not in html  # translated
    assert "ᠨᠠᠭᠠᠳᠤᠮ" in client.get("/mn-mong/").content.decode()  # the latest album on the home page
