"""Uploads: the bulk add into an album and the admin's image form refuse what is not a safe photo."""

import io
import struct
import zlib

import pytest
from PIL import Image as PillowImage

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from wagtail.images.models import Image

from albums.forms import AddPhotosForm
from albums.models import AlbumPhoto
from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, add_photos, jpeg_bytes

pytestmark = pytest.mark.django_db

GPS_TAG = 0x8825
ORIENTATION_TAG = 0x0112


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("admin", "admin@example.com", "shiliu-test")
    client.force_login(user)
    return client


@pytest.fixture
def album(home):
    return FestivalAlbumPageFactory(parent=AlbumIndexPageFactory(parent=home))


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A tiny PNG that claims 400 megapixels: its header only, then a few compressed zero rows."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def exif_with_gps_and_rotation():
    exif = PillowImage.Exif()
    exif[ORIENTATION_TAG] = 6  # the camera was turned: display rotated 90° clockwise
    exif[0x010F] = "ShiliuCam"  # make
    exif[0x0131] = "Camera firmware 1.0"
    gps = {1: "N", 2: (40.0, 49.0, 12.0), 3: "E", 4: (111.0, 39.0, 5.0)}
    exif.get_ifd(GPS_TAG).update(gps)
    return exif


def post_photos(admin_client, album, files, photographer="李摄影"):
    url = reverse("albums_add_photos", args=[album.pk])
    return admin_client.post(url, {"photos": files, "photographer": photographer})


def test_bulk_add_creates_images_and_photos_at_the_end_of_the_draft_in_name_order(admin_client, album):
    add_photos(album, 2)
    files = [upload(f"IMG_{n:03d}.jpg", jpeg_bytes(colour=(n, 0, 0))) for n in (3, 1, 2)]

    response = post_photos(admin_client, album, files)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[album.pk])
    album.refresh_from_db()
    draft = album.get_latest_revision_as_object()
    photos = list(draft.photos.all())
    assert [photo.caption for photo in photos[:2]] == ["照片说明1", "照片说明2"]
    assert [photo.image.title for photo in photos[2:]] == ["IMG_001", "IMG_002", "IMG_003"]
    assert [photo.photographer for photo in photos[2:]] == ["李摄影"] * 3
    assert album.photos.count() == 2  # the published album is unchanged until the draft is published
    draft.save_revision().publish()
    assert AlbumPhoto.objects.filter(page=album).count() == 5


def test_bulk_add_page_renders_for_editors(admin_client, album):
    response = admin_client.get(reverse("albums_add_photos", args=[album.pk]))
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode() and "multiple" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "content_type", "code"),
    [
        ("bomb.png", bomb_png(), "image/png", "file_too_many_pixels"),
        ("cut.jpg", jpeg_bytes(size=(400, 300))[:600], "image/jpeg", "damaged_image"),
        ("notes.jpg", "这不是照片".encode() * 20, "image/jpeg", "invalid_image"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            "invalid_image_extension",
        ),
    ],
    ids=["decompression-bomb", "truncated-jpeg", "text-named-jpg", "svg-with-script"],
)
def test_bulk_add_refuses_unsafe_files_and_saves_nothing(admin_client, album, name, data, content_type, code):
    good = upload("good.jpg", jpeg_bytes())
    images_before = Image.objects.count()

    response = post_photos(admin_client, album, [good, upload(name, data, content_type)])

    assert response.status_code == 200  # the form again, with the reason; never a 500
    (error,) = response.context["form"].errors.as_data()["photos"]
    assert error.code == code
    assert name in response.content.decode()
    assert Image.objects.count() == images_before  # not even the good file: all or nothing
    assert AlbumPhoto.objects.count() == 0


def test_the_admin_image_form_refuses_a_truncated_jpeg_and_a_bomb(admin_client):
    url = reverse("wagtailimages:add")
    for name, data in [("cut.jpg", jpeg_bytes(size=(400, 300))[:600]), ("bomb.png", bomb_png())]:
        response = admin_client.post(url, {"title": name, "file": upload(name, data), "collection": 1})
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
    assert Image.objects.count() == 0


def test_uploaded_photos_lose_gps_and_camera_exif_and_stand_upright(album):
    data = jpeg_bytes(size=(80, 40), exif=exif_with_gps_and_rotation())
    assert GPS_TAG in PillowImage.open(io.BytesIO(data)).getexif()
    files = MultiValueDict({"photos": [upload("gps.jpg", data)]})
    form = AddPhotosForm(data={}, files=files)
    assert form.is_valid(), form.errors

    from albums.views import add_photos as bulk_add

    (photo,) = bulk_add(album, form.cleaned_data["photos"])
    image = photo.image
    assert (image.width, image.height) == (40, 80)  # turned upright by its orientation tag

    for spec in ["fill-320x320", "width-800|format-jpeg", "width-800|format-webp", "width-800|format-avif"]:
        rendition = image.get_rendition(spec)
        with rendition.file.open() as file:
            published = PillowImage.open(io.BytesIO(file.read()))
            exif = published.getexif()
            assert GPS_TAG not in exif, spec
            assert 0x010F not in exif, spec
            assert "exif" not in published.info or not published.info["exif"] or GPS_TAG not in exif
    with image.file.open() as file:
        assert GPS_TAG not in PillowImage.open(io.BytesIO(file.read())).getexif()  # nor in the original


def test_wagtails_multiple_upload_refuses_a_truncated_jpeg_and_strips_gps(admin_client):
    url = reverse("wagtailimages:add_multiple")
    refused = admin_client.post(url, {"files[]": upload("cut.jpg", jpeg_bytes(size=(400, 300))[:600])})
    accepted = admin_client.post(
        url, {"files[]": upload("gps.jpg", jpeg_bytes(size=(80, 40), exif=exif_with_gps_and_rotation()))}
    )

    assert refused.status_code == 200 and refused.json()["success"] is False
    assert accepted.status_code == 200 and accepted.json()["success"] is True
    (image,) = Image.objects.all()
    with image.file.open() as file:
        assert GPS_TAG not in PillowImage.open(io.BytesIO(file.read())).getexif()
