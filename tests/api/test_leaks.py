"""Nothing unreviewed or private leaks through the API: pages, images and documents."""

import pytest

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from stories.models import StoryPage
from tests.albums.factories import PhotoImageFactory
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def listed(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"limit": 20})
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


def document(title="教案"):
    item = get_document_model()(title=title)
    item.file.save(f"{title}.txt", ContentFile("交往交流交融".encode()), save=False)
    item.save()
    return item


def document_link(item) -> list:
    return [("paragraph", f'<p><a linktype="document" id="{item.pk}">{item.title}</a></p>')]


def test_an_image_only_an_unapproved_draft_uses_is_not_listed(client, index):
    draft_image, live_image = PhotoImageFactory(title="草稿照片"), PhotoImageFactory(title="已发布照片")
    index.add_child(instance=StoryPage(title="待审稿件", live=False, hero_image=draft_image))
    StoryPageFactory(parent=index, hero_image=live_image)

    assert listed(client, "images") == [live_image.pk]
    assert client.get(f"/api/v2/images/{draft_image.pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{live_image.pk}/").json()["title"] == "已发布照片"


def test_an_image_added_in_an_unpublished_draft_of_a_live_story_is_not_listed(client, index):
    story = StoryPageFactory(parent=index)
    added = PhotoImageFactory(title="修改中")
    story.hero_image = added
    story.save_revision()  # waiting for review, not published

    assert added.pk not in listed(client, "images")
    story = StoryPage.objects.get(pk=story.pk)  # the live content, as a later edit starts from it
    body_image = PhotoImageFactory()
    story.body = [("image", {"image": body_image, "caption": "", "credit": ""})]
    story.save_revision().publish()
    assert listed(client, "images") == [body_image.pk]


def test_an_unused_image_is_not_listed_and_no_image_gives_its_original(client, index):
    PhotoImageFactory(title="没用上")
    used = PhotoImageFactory(title="用上了")
    StoryPageFactory(parent=index, hero_image=used)

    listing = client.get("/api/v2/images/", {"fields": "*"}).json()
    detail = client.get(f"/api/v2/images/{used.pk}/").json()

    assert [item["id"] for item in listing["items"]] == [used.pk]
    assert "download_url" not in listing["items"][0]["meta"] and "download_url" not in detail["meta"]
    assert "original_images" not in str(listing) + str(detail)


def test_a_private_page_and_what_only_it_uses_never_appear(client, index):
    image, file = PhotoImageFactory(title="内部照片"), document("内部文件")
    private = StoryPageFactory(parent=index, title="内部通知", hero_image=image, body=document_link(file))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert private.pk not in listed(client, "pages")
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
    assert client.get("/api/v2/pages/find/", {"id": private.pk}).status_code == 404
    assert listed(client, "images") == []
    assert listed(client, "documents") == []


def test_images_and_documents_of_restricted_collections_never_appear(client, index):
    root = Collection.get_first_root_node()
    teachers = root.add_child(name="教师专用")
    CollectionViewRestriction.objects.create(collection=teachers, restriction_type=CollectionViewRestriction.LOGIN)
    hidden_image = PhotoImageFactory(collection=teachers)
    hidden_file = document("教师专用教案")
    hidden_file.collection = teachers
    hidden_file.save()
    shown_file = document("公开教案")
    StoryPageFactory(parent=index, hero_image=hidden_image, body=document_link(hidden_file) + document_link(shown_file))

    assert listed(client, "images") == []
    assert listed(client, "documents") == [shown_file.pk]
    assert client.get(f"/api/v2/documents/{hidden_file.pk}/").status_code == 404


def test_a_document_no_live_page_uses_is_not_listed(client, index):
    unused = document("未发布附件")
    index.add_child(instance=StoryPage(title="草稿", live=False, body=document_link(unused)))

    assert listed(client, "documents") == []
    assert client.get(f"/api/v2/documents/{unused.pk}/").status_code == 404
