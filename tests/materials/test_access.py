"""Teacher-only files: served only through Wagtail's checking view, never listed in the API."""

import pytest

from django.contrib.auth.models import Group
from django.core import mail

from wagtail.models import Collection

from materials import access
from materials.models import MaterialDownloads
from tests.factories import UserFactory
from tests.materials.factories import DocumentFactory, MaterialIndexPageFactory, material_with_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home):
    return MaterialIndexPageFactory(parent=home)


@pytest.fixture
def private(library):
    return material_with_files(library, [DocumentFactory(title="内部教案")], title="教师专用", teacher_only=True)


@pytest.fixture
def public(library):
    return material_with_files(library, [DocumentFactory(title="公开教案")], title="公开资源")


@pytest.fixture
def teacher():
    return UserFactory(username="teacher@example.com", groups=[access.teachers_group()])


@pytest.fixture
def editor():
    return UserFactory(username="editor", groups=[Group.objects.get_or_create(name="Editors")[0]])


def test_teacher_only_files_move_into_the_restricted_collection(private, public):
    collection = access.teacher_collection()
    assert private.documents()[0].collection == collection
    assert public.documents()[0].collection == Collection.get_first_root_node()
    assert collection.get_view_restrictions().get().groups.filter(name="Teachers").exists()


def test_anonymous_visitor_is_sent_to_the_login_page_not_the_file(client, private):
    document = private.documents()[0]

    response = client.get(document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/zh-hans/teachers/login/?next=")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    response = client.get(f"{private.url}download-all/")
    assert response.status_code == 302 and "/teachers/login/" in response["Location"]
    assert "教师专用" in client.get(private.url).content.decode()  # the page itself is public


@pytest.mark.parametrize("who", ["teacher", "editor"])
def test_teachers_and_editors_get_the_file(client, private, request, who):
    client.force_login(request.getfixturevalue(who))
    document = private.documents()[0]

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == document.file.open().read()


def test_a_user_outside_the_groups_is_sent_to_log_in(client, private):
    client.force_login(UserFactory(username="resident"))
    assert client.get(private.documents()[0].url).status_code == 302


def test_public_files_download_directly(client, public):
    assert client.get(public.documents()[0].url).status_code == 200


def test_the_documents_api_lists_no_teacher_only_file(client, private, public):
    titles = {item["title"] for item in client.get("/api/v2/documents/").json()["items"]}
    assert titles == {"公开教案"}
    # Not found (LocaleMiddleware then tries the address under /zh-hans/): never the document.
    assert client.get(f"/api/v2/documents/{private.documents()[0].pk}/").status_code in (302, 404)
    assert client.get(f"/api/v2/documents/{public.documents()[0].pk}/").json()["title"] == "公开教案"


def test_teachers_cannot_open_the_admin(client, teacher):
    client.force_login(teacher)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editors_invite_a_teacher_who_sets_a_password_and_logs_in(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/materials/invite-teacher/", {"email": "Wang@School.cn", "name": "王老师"})
    assert response.status_code == 302
    (message,) = mail.outbox
    link = next(word for word in message.body.split() if "/teachers/welcome/" in word)
    client.logout()
    user = access.teachers_group().user_set.get()
    assert not user.is_active and user.email == "wang@school.cn"

    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    password = "Shiliu-2025-secret"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.is_active
    response = client.post("/zh-hans/teachers/login/", {"username": "wang@school.cn", "password": password})
    assert response.status_code == 302


def test_downloads_are_counted_once_per_visitor_per_day(client, public):
    document = public.documents()[0]
    for _ in range(3):
        client.get(document.url, HTTP_USER_AGENT="WeChat", REMOTE_ADDR="10.0.0.1")
    client.get(document.url, HTTP_USER_AGENT="WeChat", REMOTE_ADDR="10.0.0.2")

    assert public.total_downloads() == 2
    (row,) = MaterialDownloads.objects.all()
    assert row.count == 2
    from materials.models import DownloadVisitor

    digests = list(DownloadVisitor.objects.values_list("digest", flat=True))
    assert all("10.0.0" not in digest and len(digest) == 64 for digest in digests)


def test_editors_see_downloads_per_material(client, admin_user, public):
    client.get(public.documents()[0].url)
    client.force_login(admin_user)
    html = client.get("/admin/reports/material-downloads/").content.decode()
    assert "公开资源" in html
