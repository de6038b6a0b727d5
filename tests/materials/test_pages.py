import pytest

from django.core.files.base import ContentFile

from materials.models import MaterialIndexPage, MaterialPage
from tests.materials.factories import DocumentFactory, MaterialIndexPageFactory, material_with_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home):
    return MaterialIndexPageFactory(parent=home)


def test_material_pages_can_be_created_where_they_belong(home, library):
    assert MaterialIndexPage.can_create_at(home)
    assert MaterialPage.can_create_at(library)
    assert not MaterialPage.can_create_at(home)


def test_library_and_material_render(client, library):
    material = material_with_files(library, title="石榴籽一家亲教案", for_junior=True)

    html = client.get(library.url).content.decode()
    assert "石榴籽一家亲教案" in html

    html = client.get(material.url).content.decode()
    assert "石榴籽一家亲教案" in html
    assert material.documents()[0].url in html
    assert "download-all/" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"grade": "senior"}, {"高中历史"}),
        ({"grade": "primary"}, {"小学班会", "双语音乐"}),
        ({"subject": "music"}, {"双语音乐"}),
        ({"language": "mn"}, {"双语音乐", "蒙古语美术"}),
        ({"language": "zh"}, {"小学班会", "高中历史", "双语音乐"}),
        ({"format": "audio"}, {"双语音乐"}),
        ({"grade": "nonsense"}, {"小学班会", "高中历史", "双语音乐", "蒙古语美术"}),
    ],
)
def test_library_filters(client, library, query, expected):
    material_with_files(library, title="小学班会", for_primary=True, subject="class-meeting")
    material_with_files(library, title="高中历史", for_primary=False, for_senior=True, subject="history")
    material_with_files(
        library, title="双语音乐", for_primary=True, subject="music", language="both", material_format="audio"
    )
    material_with_files(library, title="蒙古语美术", for_primary=False, for_junior=True, subject="art", language="mn")

    response = client.get(library.url, query)

    shown = {material.title for material in response.context["materials"]}
    assert shown == expected


def test_library_search_finds_words_inside_files(client, library, django_capture_on_commit_callbacks):
    # A file's text is read once the upload commits, after the material was first indexed.
    with django_capture_on_commit_callbacks(execute=True):
        inside = DocumentFactory(
            title="课件", file=ContentFile("交往交流交融的故事讲给孩子听。".encode(), name="slides.txt")
        )
        material_with_files(library, [inside], title="第一课")
    material_with_files(library, title="第二课")

    response = client.get(library.url, {"q": "交融"})

    assert [material.title for material in response.context["materials"]] == ["第一课"]
