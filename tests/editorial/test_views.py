"""Admin views: uploading Word documents into a section, and the review queue report."""

import datetime

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from stories.models import StoryPage
from tests.editorial.conftest import denied
from tests.editorial.imports.documents import word_document
from tests.factories import PlaceFactory, StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def import_url(index) -> str:
    return reverse("editorial_import_documents", args=[index.pk])


def test_an_editor_uploads_several_documents_and_gets_drafts_to_review(client, people, index_a):
    client.force_login(people["editor_a"])
    assert client.get(import_url(index_a)).status_code == 200

    response = client.post(
        import_url(index_a),
        {
            "files": [
                upload("光明社区.docx", word_document()),
                upload("课堂.txt", "红石榴课堂开课了\n孩子们学写毛笔字。".encode()),
                upload("坏文件.docx", b"broken"),
            ]
        },
    )

    assert response.status_code == 200
    stories = StoryPage.objects.child_of(index_a)
    assert stories.count() == 2
    assert all(not story.live and story.owner == people["editor_a"] for story in stories)
    html = response.content.decode()
    assert "坏文件.docx" in html and "Word" in html
    for story in stories:
        assert reverse("wagtailadmin_pages:edit", args=[story.pk]) in html

    again = client.post(import_url(index_a), {"files": [upload("再次.docx", word_document())]})
    assert StoryPage.objects.child_of(index_a).count() == 2
    assert again.status_code == 200


def test_the_import_button_shows_on_the_editors_own_section_only(client, people, index_a, index_b):
    client.force_login(people["editor_a"])
    explorer_a = client.get(reverse("wagtailadmin_explore", args=[index_a.pk])).content.decode()
    assert import_url(index_a) in explorer_a
    assert denied(client.get(import_url(index_b)))
    client.post(import_url(index_b), {"files": [upload("a.txt", "标题\n正文".encode())]})
    assert not StoryPage.objects.child_of(index_b).exists()


def test_reviewers_cannot_import(client, people, index_a):
    client.force_login(people["first_a"])
    assert denied(client.get(import_url(index_a)))


def test_the_form_asks_for_the_page_types_import_options_and_passes_them_on(client, people, index_a):
    place = PlaceFactory(name="阿吉拉沁社区")
    client.force_login(people["editor_a"])
    form = client.get(import_url(index_a)).context["form"]
    assert list(form.fields) == ["files", "place"]
    assert list(form.fields["place"].queryset) == [place]

    client.post(import_url(index_a), {"files": [upload("a.txt", "标题\n正文".encode())], "place": place.pk})

    assert StoryPage.objects.child_of(index_a).get().place == place


def test_a_page_that_takes_no_imports_has_no_upload(client, home):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    assert denied(client.get(import_url(home)))


def submit(story, editor, days_ago: int = 0):
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    TaskState.objects.filter(workflow_state__object_id=str(story.pk)).update(
        started_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_the_review_queue_counts_waiting_pages_per_section_and_step(client, people, index_a, index_b):
    for days in (1, 3):
        submit(StoryPageFactory(parent=index_a, live=False), people["editor_a"], days_ago=days)
    waiting_final = StoryPageFactory(parent=index_a, live=False)
    submit(waiting_final, people["editor_a"], days_ago=5)
    waiting_final.current_workflow_task_state.approve(user=people["first_a"])
    submit(StoryPageFactory(parent=index_b, live=False), people["editor_b"], days_ago=2)
    client.force_login(people["first_a"])

    response = client.get(reverse("editorial_review_queue"))

    assert response.status_code == 200
    rows = {(row.section, row.step): row for row in response.context["object_list"]}
    assert set(rows) == {("阿吉拉沁社区", "first review (初审)"), ("阿吉拉沁社区", "final review (终审)")}
    first = rows["阿吉拉沁社区", "first review (初审)"]
    assert first.waiting == 2
    assert 2.9 < (timezone.now() - first.oldest).total_seconds() / 86400 < 3.1
    assert 1.9 < first.average_wait.total_seconds() / 86400 < 2.1
    assert rows["阿吉拉沁社区", "final review (终审)"].waiting == 1
    html = response.content.decode()
    assert "阿吉拉沁社区" in html and "光明社区" not in html


def test_site_administrators_see_every_section_and_can_export(admin_client, people, index_a, index_b):
    submit(StoryPageFactory(parent=index_b, live=False), people["editor_b"], days_ago=2)

    response = admin_client.get(reverse("editorial_review_queue") + "?export=csv")

    assert response.status_code == 200
    csv = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "光明社区,first review (初审),1" in csv
    assert "阿吉拉沁社区,first review (初审),0" in csv


def test_the_report_is_in_the_reports_menu_for_reviewers(client, people, sections):
    client.force_login(people["final_b"])
    assert reverse("editorial_review_queue") in client.get("/admin/").content.decode()


def test_the_upload_result_lists_each_files_warnings_and_refuses_a_hostile_file(client, people, index_a):
    from tests.editorial.imports.test_safety import zip_bomb
    from tests.editorial.imports.wordml_documents import comments_part, p, raw_docx

    commented = raw_docx(
        p("社区活动通知")
        + p("导语。")
        + '<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r></w:p>',
        parts=[comments_part({0: "请核对日期"})],
        header="阿吉拉沁社区简报",
    )
    profile = UserProfile.get_for_user(people["editor_a"])
    profile.preferred_language = "en"  # the reasons are read as written; their Chinese is in the catalogue
    profile.save()
    client.force_login(people["editor_a"])

    response = client.post(
        import_url(index_a), {"files": [upload("炸弹.docx", zip_bomb()), upload("通知.docx", commented)]}
    )

    html = response.content.decode()
    assert StoryPage.objects.child_of(index_a).count() == 1
    assert "炸弹.docx" in html and ("zip bomb" in html or "too much data" in html)
    assert "请核对日期" in html and "阿吉拉沁社区简报" in html
