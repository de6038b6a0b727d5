"""Review in the admin leaves slow work to the worker: the index update on approval and the emails."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core import mail

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from search import services
from tests.editorial.conftest import edit_url, story_form
from tests.editorial.test_workflows import act, reload
from tests.factories import StoryPageFactory

# The worker commits as it goes and closes connections the way a server does, so tests that run
# it see committed data (transactional tests, restoring the migrations' data after them).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def found_ids(text: str) -> set[int]:
    return {page.pk for page in services.run(Page.objects.live(), services.analyse(text))}


def queued(task_path: str) -> list[list]:
    results = DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY)
    return [result.args_kwargs["args"] for result in results]


@pytest.fixture
def submitted(client, people, index_a, worker):
    """A story the editor of community A submitted for review; the queue emptied after it."""
    story = StoryPageFactory(parent=index_a, title="草稿", slug="naadam", live=False, owner=people["editor_a"])
    client.force_login(people["editor_a"])
    data = story_form(title="那达慕大会", slug="naadam", author="其其格", body="<p>牧民的搏克比赛。</p>")
    data["action-submit"] = "Submit"
    assert client.post(edit_url(story), data).status_code == 302
    worker()
    mail.outbox.clear()
    return reload(story)


def test_the_final_approval_publishes_in_the_admin_and_the_worker_makes_the_story_findable(
    client, people, submitted, worker
):
    act(client, people["first_a"], submitted, "approve")
    # The draft's text is indexed already (drafts are indexed too); take its entry out, so an
    # entry after the approval could only come from the approval's request.
    entries = IndexEntry.objects.filter(object_id=str(submitted.pk), content_type_id=submitted.content_type_id)
    entries.delete()
    response = act(client, people["final_a"], submitted, "approve")

    assert response.status_code == 302
    assert reload(submitted).live
    assert not entries.exists()  # the approval request left the index alone
    assert submitted.pk not in found_ids("搏克")
    assert ["stories.storypage", str(submitted.pk)] in queued("core.search_index.update_object_index")

    worker()

    assert entries.count() == 1
    assert submitted.pk in found_ids("搏克")
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()


def test_a_rejection_email_is_queued_by_the_request_and_sent_by_the_worker(client, people, submitted, worker, settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"  # as in base settings (pytest-django sets locmem)
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    act(client, people["first_a"], submitted, "reject", comment="请补充服务人次的数据。")

    assert mail.outbox == []  # nothing sent inside the reviewer's request
    assert queued("core.mail.send_email")

    worker()

    to_editor = [message for message in mail.outbox if message.to == [people["editor_a"].email]]
    assert to_editor and "请补充服务人次的数据。" in to_editor[0].body
    assert to_editor[0].subject and to_editor[0].from_email
    assert not queued("core.mail.send_email")
