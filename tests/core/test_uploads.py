"""Uploads in the admin: damaged files refused with a message, documents never served from /media/,
and a full disk reported without a half-written file left behind."""

import importlib
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from tests.albums.factories import jpeg_bytes
from tests.conftest import require
from tests.core.test_documents import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "admin-password-1"))
    return client


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_jpeg_cut_in_half_is_refused_by_the_single_image_upload(admin_client, settings):
    data = jpeg_bytes(size=(400, 300))
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "半张", "file": upload("half.jpg", data[: len(data) // 2], "image/jpeg")},
    )

    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode() or "损坏" in response.content.decode()
    assert Image.objects.count() == 0
    assert media_files(settings) == []


def test_a_jpeg_cut_in_half_is_refused_by_the_multiple_image_upload(admin_client, settings):
    data = jpeg_bytes(size=(400, 300))
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload("half.jpg", data[: len(data) // 2], "image/jpeg")}
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert response.json()["error_message"]
    assert Image.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cut.pdf", pdf_bytes("Shiliu lesson plan")[:300]),
        ("cut.docx", docx_bytes(["民族团结"])[:2000]),
        ("not-a.pdf", b"<html><script>alert(1)</script></html>"),
        ("cut.jpg", jpeg_bytes(size=(400, 300))[:500]),
    ],
)
def test_damaged_documents_are_refused_by_the_single_upload(admin_client, settings, name, data):
    response = admin_client.post(reverse("wagtaildocs:add"), {"title": name, "file": upload(name, data)})

    assert response.status_code == 200
    html = response.content.decode()
    assert "damaged or incomplete" in html or "已损坏" in html
    assert Document.objects.count() == 0
    assert media_files(settings) == []


def test_damaged_documents_are_refused_by_the_multiple_upload_and_whole_ones_kept(admin_client):
    url = reverse("wagtaildocs:add_multiple")
    refused = admin_client.post(url, {"files[]": upload("cut.pdf", pdf_bytes("lesson")[:300])})
    kept_pdf = admin_client.post(url, {"files[]": upload("whole.pdf", pdf_bytes("lesson"))})
    kept_docx = admin_client.post(url, {"files[]": upload("whole.docx", docx_bytes(["民族团结"]))})

    assert refused.json()["success"] is False
    assert "damaged" in refused.json()["error_message"] or "损坏" in refused.json()["error_message"]
    assert kept_pdf.json()["success"] is True
    assert kept_docx.json()["success"] is True
    assert sorted(Document.objects.values_list("title", flat=True)) == ["whole.docx", "whole.pdf"]


@pytest.fixture
def debug_urls(settings):
    """The URLs as they are with DEBUG on (config.urls reads DEBUG when it is imported)."""
    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_with_debug_on_restricted_documents_are_served_only_through_the_checking_view(client, home, debug_urls):
    root = Collection.get_first_root_node()
    teachers = root.add_child(name="Teacher-only materials")
    restriction = CollectionViewRestriction.objects.create(
        collection=teachers, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Teachers")])
    document = Document.objects.create(
        title="教案", collection=teachers, file=ContentFile(pdf_bytes("teachers only"), name="plan.pdf")
    )
    image = Image.objects.create(title="照片", file=ContentFile(jpeg_bytes(), name="photo.jpg"))
    rendition = image.get_rendition("width-40")

    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 404  # originals are not public either
    served = client.get(document.url)
    assert served.status_code == 302
    assert "login" in served["Location"]
    assert client.get(rendition.url).status_code == 200  # renditions are served in development


@pytest.fixture
def full_media_root(settings):
    """MEDIA_ROOT on a real 1 MB file system (tmpfs), so writing past it fails with ENOSPC."""
    folder = Path(tempfile.mkdtemp(prefix="shiliu-full-"))
    mounted = os.geteuid() == 0 and subprocess.run(  # noqa: S603
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    require(bool(mounted) and mounted.returncode == 0, "mounting a 1 MB tmpfs needs root")
    settings.MEDIA_ROOT = folder
    yield folder
    subprocess.run(["umount", str(folder)], check=False)  # noqa: S603, S607
    folder.rmdir()


# Outside a test transaction, as a request runs: a failed INSERT marks an enclosing atomic block
# for rollback (Model.save_base), which a test transaction would turn into errors of its own.
# serialized_rollback: the root collection comes from a migration, and a transactional test run
# before this one on the same worker leaves the tables flushed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_full_disk_refuses_the_upload_with_a_message_and_leaves_no_half_written_file(admin_client, full_media_root):
    big = SimpleUploadedFile("big.txt", os.urandom(3 * 1024 * 1024), content_type="text/plain")
    url = reverse("wagtaildocs:add")

    response = admin_client.post(url, {"title": "大文件", "file": big}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][1] == 303
    html = response.content.decode()
    assert "no room to store this file" in html or "没有空间" in html
    assert Document.objects.count() == 0
    assert [path for path in full_media_root.rglob("*") if path.is_file()] == []

    # The multiple upload gets the message in its JSON.
    big.seek(0)
    multiple = admin_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": big}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert multiple.json()["success"] is False
    assert "no room" in multiple.json()["error_message"] or "没有空间" in multiple.json()["error_message"]
    assert Document.objects.count() == 0
    assert [path for path in full_media_root.rglob("*") if path.is_file()] == []
