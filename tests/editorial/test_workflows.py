"""Two-step review through the admin: approve, reject with a comment, resubmit; reviewers in the byline; scheduling."""

import datetime
import io
from unittest import mock

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from editorial.tasks import publish_scheduled_pages
from stories.models import StoryPage
from tests.editorial.conftest import edit_url, story_form
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def reload(page) -> StoryPage:
    return type(page).objects.get(pk=page.pk)


def act(client, user, page, action: str, comment: str = ""):
    """A reviewer acts on the page's current review step, as the admin's buttons do."""
    client.force_login(user)
    task_state = reload(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


@pytest.fixture
def submitted(client, people, index_a):
    """A story the editor of community A wrote and submitted through the editor."""
    story = StoryPageFactory(parent=index_a, title="草稿", slug="neighbours", live=False, owner=people["editor_a"])
    client.force_login(people["editor_a"])
    data = story_form(title="邻里守望相助", slug="neighbours", author="其其格")
    data["action-submit"] = "Submit"
    assert client.post(edit_url(story), data).status_code == 302
    return reload(story)


def actions(page) -> list[str]:
    return list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", flat=True))


def test_a_submitted_story_waits_for_first_review_and_is_locked_for_its_editor(client, submitted, people):
    state = submitted.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name.endswith("first review (初审)")
    assert submitted.permissions_for_user(people["editor_a"]).page_locked()

    data = story_form(title="审核中偷偷改", slug="neighbours")
    client.post(edit_url(submitted), data)
    assert reload(submitted).get_latest_revision_as_object().title == "邻里守望相助"


def test_approved_by_both_reviewers_the_story_goes_live_with_their_names_in_the_byline(client, submitted, people):
    act(client, people["first_a"], submitted, "approve")
    assert reload(submitted).current_workflow_task.name.endswith("final review (终审)")
    assert not reload(submitted).live

    act(client, people["final_a"], submitted, "approve")

    story = reload(submitted)
    assert story.live
    assert story.reviewer == "初审A、终审A"
    assert story.author == "其其格"
    assert submitted.current_workflow_state is None or story.current_workflow_state is None
    assert WorkflowState.objects.get(object_id=str(story.pk)).status == WorkflowState.STATUS_APPROVED
    html = client.get(story.url).content.decode()
    assert "初审A、终审A" in html
    assert actions(story)[-4:] == [
        "wagtail.workflow.approve",
        "wagtail.workflow.approve",
        "shiliu.reviewers_recorded",
        "wagtail.publish",
    ]


def test_a_reviewer_named_by_the_editor_is_kept(client, people, index_a):
    story = StoryPageFactory(parent=index_a, slug="named", live=False, reviewer="王建国")
    story.save_revision(user=people["editor_a"])
    story.get_workflow().start(story, people["editor_a"])

    act(client, people["first_a"], story, "approve")
    act(client, people["final_a"], story, "approve")

    assert reload(story).live and reload(story).reviewer == "王建国"


def test_rejection_returns_the_story_to_its_editor_with_the_comment(client, submitted, people):
    act(client, people["first_a"], submitted, "reject", comment="请补充服务人次的数据。")

    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "请补充服务人次的数据。"
    assert state.current_task_state.finished_by == people["first_a"]
    assert not reload(submitted).live
    # The editor can edit again, and is told why.
    assert not reload(submitted).permissions_for_user(people["editor_a"]).page_locked()
    assert any("请补充服务人次的数据。" in message.body for message in mail.outbox if "editor_a" in message.to[0])
    log = PageLogEntry.objects.get(page=submitted, action="wagtail.workflow.reject")
    assert log.data["comment"] == "请补充服务人次的数据。" and log.user == people["first_a"]
    client.force_login(people["editor_a"])
    detail = reverse("wagtailadmin_pages:workflow_history_detail", args=[submitted.pk, state.pk])
    assert "请补充服务人次的数据。" in client.get(detail).content.decode()


def test_after_rejection_the_editor_resubmits_and_review_starts_again_at_the_rejected_step(client, submitted, people):
    act(client, people["first_a"], submitted, "approve")
    act(client, people["final_a"], submitted, "reject", comment="标题再斟酌。")
    client.force_login(people["editor_a"])
    data = story_form(title="邻里守望 温暖相伴", slug="neighbours")
    data["action-submit"] = "Submit"

    assert client.post(edit_url(submitted), data).status_code == 302

    story = reload(submitted)
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert story.current_workflow_task.name.endswith("final review (终审)")
    act(client, people["final_a"], story, "approve")
    story = reload(story)
    assert story.live and story.title == "邻里守望 温暖相伴"
    assert "wagtail.workflow.resume" in actions(story)


def test_a_reviewer_of_another_section_cannot_approve(client, submitted, people):
    act(client, people["first_b"], submitted, "approve")
    assert reload(submitted).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_scheduled_campaign_goes_live_when_publish_scheduled_runs(home, roles):
    index = CampaignIndexPageFactory(parent=home)
    workflow = index.get_workflow()
    reviewer = UserFactory(username="campaign_reviewer", groups=[t.specific.groups.get() for t in workflow.tasks])
    launch = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    campaign = CampaignPageFactory(parent=index, slug="unity-month", live=False)
    campaign.go_live_at = launch
    campaign.expire_at = launch + datetime.timedelta(days=30)
    campaign.save_revision(user=reviewer)
    campaign.get_workflow().start(campaign, reviewer)
    for _step in range(2):
        reload(campaign).current_workflow_task_state.approve(user=reviewer)

    campaign = reload(campaign)
    assert not campaign.live and campaign.get_latest_revision().approved_go_live_at == launch

    call_command("publish_scheduled", stdout=io.StringIO())
    assert not reload(campaign).live  # not yet

    with mock.patch("django.utils.timezone.now", return_value=launch + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled", stdout=io.StringIO())
    campaign = reload(campaign)
    assert campaign.live
    assert PageLogEntry.objects.filter(page=campaign, action="wagtail.publish.scheduled").exists()

    with mock.patch("django.utils.timezone.now", return_value=launch + datetime.timedelta(days=31)):
        publish_scheduled_pages.enqueue()  # the same, run by a django-tasks worker
    campaign = reload(campaign)
    assert not campaign.live and campaign.expired
