"""Sections: groups and workflow come with every section, and an editor of one community cannot touch another's."""

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import GroupPagePermission, Locale, Page, TaskState, WorkflowPage
from wagtail.rich_text import RichText

from editorial.models import Section
from editorial.sections import (
    EDITORS,
    ROLE_GROUPS,
    SITE_ADMINISTRATORS,
    TRANSLATORS,
    ensure_role_groups,
    section_for_page,
    sections_for_user,
    setup_all_sections,
)
from search.reports import can_view_report
from stories.models import StoryIndexPage, StoryPage
from tests.editorial.conftest import denied, edit_url, story_form
from tests.factories import CampaignIndexPageFactory, StoryIndexPageFactory, StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def reload(page) -> StoryPage:
    return StoryPage.objects.get(pk=page.pk)


# Setting up sections ------------------------------------------------------------------


def test_role_groups_exist_and_stock_editors_lose_site_wide_page_rights(roles):
    assert set(ROLE_GROUPS) <= set(Group.objects.values_list("name", flat=True))
    assert not GroupPagePermission.objects.filter(group__name=EDITORS).exists()
    assert Group.objects.get(name=EDITORS).permissions.filter(codename="add_term").exists()
    ensure_role_groups()  # a second run changes nothing
    assert Group.objects.filter(name__in=ROLE_GROUPS).count() == len(ROLE_GROUPS)


def test_site_administrators_manage_search_words_and_see_the_search_terms_report(roles):
    administrator = UserFactory(username="site_admin", groups=[roles[SITE_ADMINISTRATORS]])

    assert administrator.has_perm("search.add_segmenterword") and administrator.has_perm("search.change_segmenterword")
    assert can_view_report(administrator)
    assert administrator.has_perm("editorial.change_term") and administrator.has_perm("stories.change_place")


def test_creating_a_section_page_creates_its_groups_rights_and_two_step_workflow(home, roles):
    index = StoryIndexPageFactory(parent=home, title="团结社区", slug="tuanjie")

    section = Section.objects.get(translation_key=index.translation_key)
    assert section.name == "团结社区"
    assert [task.name for task in section.workflow.tasks] == [
        "团结社区 · first review (初审)",
        "团结社区 · final review (终审)",
    ]
    assert [list(task.specific.groups.all()) for task in section.workflow.tasks] == [
        [section.first_reviewers],
        [section.final_reviewers],
    ]
    assert WorkflowPage.objects.get(page=index).workflow == section.workflow
    rights = set(GroupPagePermission.objects.filter(page=index).values_list("group__name", "permission__codename"))
    assert ("团结社区 · editors", "add_page") in rights
    assert ("团结社区 · editors", "change_page") in rights
    assert not any(codename == "publish_page" for _group, codename in rights)


def test_campaign_indexes_are_sections_too(home, roles):
    index = CampaignIndexPageFactory(parent=home)
    assert WorkflowPage.objects.filter(page=index).exists()


def test_the_mongolian_translation_of_a_section_shares_its_groups_and_workflow(index_a, sections):
    translation = index_a.copy_for_translation(Locale.objects.get(language_code="mn-mong"), copy_parents=True)

    assert Section.objects.count() == 2
    assert WorkflowPage.objects.get(page=translation).workflow == sections["a"].workflow
    groups = set(GroupPagePermission.objects.filter(page=translation).values_list("group__name", flat=True))
    assert {sections["a"].editors.name, TRANSLATORS} <= groups


def test_setup_is_idempotent_and_the_command_sets_up_existing_sections(sections, home):
    before = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    setup_all_sections()
    call_command("setup_editorial", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == before


def test_a_story_belongs_to_the_section_above_it(index_a, sections):
    story = StoryPageFactory(parent=index_a)
    assert section_for_page(story) == sections["a"]
    assert section_for_page(Page.get_first_root_node()) is None


def test_sections_for_user_are_the_ones_they_work_in(people, sections):
    assert sections_for_user(people["editor_a"]) == [sections["a"]]
    assert sections_for_user(people["final_b"]) == [sections["b"]]


# Isolation: community A's editor against community B's pages ----------------------------


@pytest.fixture
def pages_b(index_b, people):
    editor_b = people["editor_b"]
    live = StoryPageFactory(parent=index_b, title="光明社区的故事", slug="live", owner=editor_b)
    draft = StoryPageFactory(parent=index_b, title="光明社区的草稿", slug="draft", owner=editor_b, live=False)
    draft.save_revision(user=editor_b)
    locked = StoryPageFactory(parent=index_b, title="锁定的稿件", slug="locked", owner=editor_b)
    locked.locked, locked.locked_by = True, people["final_b"]
    locked.save()
    return {"live": live, "draft": draft, "locked": locked}


@pytest.fixture
def client_a(client, people):
    client.force_login(people["editor_a"])
    return client


def test_editor_of_a_has_no_right_at_all_on_pages_of_b(people, pages_b, index_b):
    for page in [index_b, *pages_b.values()]:
        perms = page.permissions_for_user(people["editor_a"])
        assert not perms.can_edit()
        assert not perms.can_publish()
        assert not perms.can_delete()
        assert not perms.can_move()
        assert not perms.can_unlock()
        assert not perms.can_lock()
        assert not perms.can_unpublish()
    assert not index_b.permissions_for_user(people["editor_a"]).can_add_subpage()


def test_editor_of_a_cannot_open_or_save_a_page_of_b(client_a, pages_b):
    draft = pages_b["draft"]
    revisions = draft.revisions.count()

    assert denied(client_a.get(edit_url(draft)))
    assert denied(client_a.post(edit_url(draft), story_form(title="改掉", slug="draft")))
    assert reload(draft).title == "光明社区的草稿" and draft.revisions.count() == revisions


def test_editor_of_a_cannot_publish_a_page_of_b(client_a, pages_b):
    data = story_form(title="偷偷发布", slug="draft")
    data["action-publish"] = "Publish"

    response = client_a.post(edit_url(pages_b["draft"]), data)

    assert denied(response)
    assert not reload(pages_b["draft"]).live


def test_editor_of_a_cannot_add_a_page_under_b(client_a, index_b):
    url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", index_b.pk])
    assert denied(client_a.get(url))
    assert denied(client_a.post(url, story_form(slug="intruder")))
    assert not StoryPage.objects.filter(slug="intruder").exists()


def test_editor_of_a_cannot_move_a_page_of_b_into_a(client_a, pages_b, index_a, index_b):
    live = pages_b["live"]
    url = reverse("wagtailadmin_pages:move_confirm", args=[live.pk, index_a.pk])

    assert denied(client_a.post(url))
    assert reload(live).get_parent().pk == index_b.pk


def test_editor_of_a_cannot_delete_or_unpublish_a_page_of_b(client_a, pages_b):
    live, draft = pages_b["live"], pages_b["draft"]

    assert denied(client_a.post(reverse("wagtailadmin_pages:delete", args=[draft.pk])))
    assert denied(client_a.post(reverse("wagtailadmin_pages:delete", args=[live.pk])))
    assert denied(client_a.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk])))
    assert StoryPage.objects.filter(pk__in=[live.pk, draft.pk]).count() == 2
    assert reload(live).live


def test_editor_of_a_cannot_lock_or_unlock_a_page_of_b(client_a, pages_b, people):
    live, locked = pages_b["live"], pages_b["locked"]

    client_a.post(reverse("wagtailadmin_pages:lock", args=[live.pk]))
    client_a.post(reverse("wagtailadmin_pages:unlock", args=[locked.pk]))

    assert not reload(live).locked
    assert reload(locked).locked and reload(locked).locked_by == people["final_b"]


def test_editor_of_a_cannot_copy_a_page_of_b(client_a, pages_b, index_a):
    url = reverse("wagtailadmin_pages:copy", args=[pages_b["live"].pk])
    response = client_a.post(url, {"new_title": "复制", "new_slug": "copied", "new_parent_page": index_a.pk})
    assert denied(response)
    assert not StoryPage.objects.filter(slug="copied").exists()


@pytest.mark.parametrize("action", ["delete", "publish", "unpublish", "move"])
def test_editor_of_a_gets_nothing_done_through_bulk_actions_on_b(client_a, pages_b, index_a, index_b, action):
    live, draft = pages_b["live"], pages_b["draft"]
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    query = f"?id={live.pk}&id={draft.pk}"

    client_a.post(url + query, {"chooser": index_a.pk})

    assert reload(live).live and reload(live).get_parent().pk == index_b.pk
    assert not reload(draft).live and reload(draft).get_parent().pk == index_b.pk


def test_editor_of_a_cannot_act_on_a_review_task_of_b(client_a, people, pages_b):
    draft = pages_b["draft"]
    draft.get_workflow().start(draft, people["editor_b"])
    task_state = reload(draft).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])

    client_a.post(url, {"comment": ""})

    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_the_public_api_exposes_no_draft_and_accepts_no_writes(client_a, pages_b):
    draft, live = pages_b["draft"], pages_b["live"]

    listed = client_a.get("/api/v2/pages/?type=stories.StoryPage&limit=20").json()["items"]
    assert live.pk in [item["id"] for item in listed]
    assert draft.pk not in [item["id"] for item in listed]
    assert client_a.get(f"/api/v2/pages/{draft.pk}/", follow=True).status_code == 404
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client_a, method)(f"/api/v2/pages/{live.pk}/", content_type="application/json", data="{}")
        assert response.status_code in (403, 405)
    assert reload(live).live and StoryPage.objects.filter(pk=live.pk).exists()


def test_the_admin_api_is_read_only_too(client_a, pages_b):
    live = pages_b["live"]
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client_a, method)(f"/admin/api/main/pages/{live.pk}/", content_type="application/json")
        assert response.status_code in (403, 404, 405)
    assert StoryPage.objects.filter(pk=live.pk, live=True).exists()


# What the editor of A may do -----------------------------------------------------------


def test_editor_of_a_edits_and_submits_in_a_but_cannot_publish_directly(client_a, index_a):
    story = StoryPageFactory(parent=index_a, slug="mine", live=False)
    assert client_a.get(edit_url(story)).status_code == 200

    data = story_form(title="直接发布？", slug="mine")
    data["action-publish"] = "Publish"
    client_a.post(edit_url(story), data)
    assert not reload(story).live  # no publish right: the button only saves a draft

    data = story_form(title="送审", slug="mine")
    data["action-submit"] = "Submit"
    assert client_a.post(edit_url(story), data).status_code == 302
    assert reload(story).current_workflow_state is not None


def test_reviewers_see_only_their_sections_tasks(people, index_a, index_b):
    story_a = StoryPageFactory(parent=index_a, live=False)
    story_b = StoryPageFactory(parent=index_b, live=False)
    for story, editor in ((story_a, people["editor_a"]), (story_b, people["editor_b"])):
        story.save_revision(user=editor)
        story.get_workflow().start(story, editor)

    reviewable = TaskState.objects.reviewable_by(people["first_a"])
    assert [state.workflow_state.object_id for state in reviewable] == [str(story_a.pk)]
    assert not TaskState.objects.reviewable_by(people["first_b"]).filter(workflow_state__object_id=str(story_a.pk))
    assert not story_b.permissions_for_user(people["first_a"]).can_edit()


def test_reviewers_dashboard_lists_only_their_sections_pages(client, people, index_a, index_b):
    story_a = StoryPageFactory(parent=index_a, title="A社区待审稿", live=False)
    story_b = StoryPageFactory(parent=index_b, title="B社区待审稿", live=False)
    for story, editor in ((story_a, people["editor_a"]), (story_b, people["editor_b"])):
        story.save_revision(user=editor)
        story.get_workflow().start(story, editor)
    client.force_login(people["first_a"])

    html = client.get("/admin/").content.decode()

    assert "A社区待审稿" in html and "B社区待审稿" not in html


def test_section_index_types_are_only_story_and_campaign_indexes(home, roles):
    StoryIndexPageFactory(parent=home, slug="x")
    assert StoryIndexPage.objects.count() == Section.objects.count()


def test_editor_of_a_cannot_change_b_through_wagtail_localize(client_a, pages_b, people):
    """The translation editor's REST API and PO upload refuse a page of another community."""
    from wagtail_localize.models import StringSegment, Translation, TranslationSource

    live = pages_b["live"]
    live.body = [("paragraph", RichText("<p>光明社区的居民一起过节。</p>"))]
    live.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(live)
    mongolian = Locale.objects.get(language_code="mn-mong")
    translation = Translation.objects.create(source=source, target_locale=mongolian)
    translation.save_target(user=people["editor_b"], publish=False)
    segment = StringSegment.objects.filter(source=source).first()
    target = live.get_translation(mongolian)
    revisions = target.revisions.count()

    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client_a.put(edit, data={"value": "ᠬᠣᠣᠰᠣᠨ"}, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 403
    assert client_a.post(reverse("wagtail_localize:stop_translation", args=[translation.pk])).status_code in (302, 403)
    assert Translation.objects.get(pk=translation.pk).enabled
    assert target.revisions.count() == revisions
