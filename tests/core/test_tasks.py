"""The background worker: indexing queued by admin requests and saves, run by `manage.py db_worker`.

Publishing through review in the admin, and workflow emails: tests/editorial/test_tasks.py.
"""

import datetime
import os
import subprocess
import sys

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core import mail
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from core.search_index import update_object_index
from search import services
from stories.models import StoryPage
from tests.factories import PlaceFactory, StoryIndexPageFactory, StoryPageFactory, ThemeFactory

UPDATE = "core.search_index.update_object_index"
REMOVE = "core.search_index.remove_object_index"


def found_ids(text: str) -> set[int]:
    return {page.pk for page in services.run(Page.objects.live(), services.analyse(text))}


def queued(task_path: str) -> list[list]:
    """The arguments of the tasks of ``task_path`` waiting for the worker."""
    results = DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY)
    return [result.args_kwargs["args"] for result in results]


def failed() -> list[str]:
    """Shiliu's failed tasks (Wagtail's reference-index task fails for an object deleted before
    it runs; its rows go with the object anyway)."""
    results = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, task_path__startswith="core.")
    return list(results.values_list("task_path", flat=True))


def index_entries(obj) -> int:
    return IndexEntry.objects.filter(object_id=str(obj.pk), content_type_id=obj.content_type_id).count()


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, title="故事汇")


# The worker commits as it goes and closes connections the way a server does, so tests that run
# it see committed data (transactional tests, restoring the migrations' data after them).
WORKER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@WORKER_DB
def test_unpublishing_and_deleting_in_the_admin_update_the_index_from_the_worker(admin_client, worker, index):
    story = StoryPageFactory(parent=index, title="那达慕大会", slug="naadam")
    worker()
    assert story.pk in found_ids("那达慕")

    assert admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[story.pk])).status_code == 302
    assert ["stories.storypage", str(story.pk)] in queued(UPDATE)
    worker()
    assert story.pk not in found_ids("那达慕")

    assert admin_client.post(reverse("wagtailadmin_pages:delete", args=[story.pk])).status_code == 302
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    # The database index's rows go with the page (a generic relation); other backends
    # (Elasticsearch) hear of it from the queued removal, which needs the id only.
    assert ["stories.storypage", str(story.pk)] in queued(REMOVE)
    worker()
    assert index_entries(story) == 0
    assert not failed()


@WORKER_DB
def test_images_and_snippets_are_indexed_by_the_worker_too(worker):
    image = Image.objects.create(title="那达慕摔跤", file=get_test_image_file())
    place = PlaceFactory(name="哈达图社区")
    assert ["wagtailimages.image", str(image.pk)] in queued(UPDATE)
    assert [place._meta.label_lower, str(place.pk)] in queued(UPDATE)
    assert not Image.objects.search("那达慕")

    worker()

    assert list(Image.objects.search("那达慕")) == [image]
    assert list(get_search_backend().search("哈达图", type(place))) == [place]


@WORKER_DB
def test_a_late_or_repeated_index_task_never_brings_a_deleted_object_back(worker, index):
    story = StoryPageFactory(parent=index, title="那达慕大会")
    update_object_index.enqueue("stories.storypage", str(story.pk))  # queued twice
    story.delete()  # its removal is queued after the updates

    worker()
    update_object_index.enqueue("stories.storypage", str(story.pk))  # and once more, late
    worker()

    assert index_entries(story) == 0
    assert DBTaskResult.objects.filter(task_path=UPDATE, return_value="removed").count() >= 1
    assert not failed()


@pytest.mark.django_db
def test_with_the_immediate_backend_the_index_is_updated_at_once(immediate_tasks, index):
    story = StoryPageFactory(parent=index, title="那达慕大会")
    assert story.pk in found_ids("那达慕")
    assert not DBTaskResult.objects.exists()


@WORKER_DB
def test_with_the_immediate_backend_themes_chosen_in_the_same_save_are_indexed(immediate_tasks, index):
    """A theme chosen with the publication finds the story at once (the index task runs inside
    the save, and sees the ParentalManyToMany values modelcluster commits with it)."""
    story = StoryPageFactory(parent=index, title="一次联谊", themes=[])
    assert story.pk not in found_ids("守望互助")
    story.themes = [ThemeFactory(name="守望互助")]
    story.save_revision().publish()

    assert story.pk in found_ids("守望互助")


def database_url() -> str:
    """The test database as a DATABASE_URL, for a worker in another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@WORKER_DB
def test_the_worker_command_in_its_own_process_works_through_the_queue(queued_tasks, home):
    index = StoryIndexPageFactory(parent=home, title="故事汇")
    story = StoryPageFactory(parent=index, title="那达慕大会")
    assert story.pk not in found_ids("那达慕")
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    assert waiting >= 2

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
    }
    worker = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert worker.returncode == 0, worker.stderr
    assert story.pk in found_ids("那达慕")
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == waiting


@WORKER_DB
def test_a_queued_email_keeps_its_html_attachments_and_headers(worker, settings):
    from django.core.mail import EmailMultiAlternatives, get_connection

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = EmailMultiAlternatives(
        "审核结果", "请补充数据。", "site@example.cn", ["editor@example.cn"], cc=["c@example.cn"]
    )
    message.attach_alternative("<p>请补充<b>数据</b>。</p>", "text/html")
    message.attach("名单.csv", "姓名,民族\n其其格,蒙古族\n", "text/csv")
    message.extra_headers["X-Shiliu"] = "review"

    assert get_connection("core.mail.QueuedEmailBackend").send_messages([message]) == 1
    assert mail.outbox == []
    worker()

    (sent,) = mail.outbox
    assert (sent.subject, sent.body, sent.to, sent.cc) == (
        "审核结果",
        "请补充数据。",
        ["editor@example.cn"],
        ["c@example.cn"],
    )
    assert sent.alternatives[0][0] == "<p>请补充<b>数据</b>。</p>"
    filename, content, _mimetype = sent.attachments[0]
    assert filename == "名单.csv" and "其其格" in (content if isinstance(content, str) else content.decode())
    assert sent.extra_headers["X-Shiliu"] == "review"


@pytest.mark.django_db
def test_readyz_tells_how_many_tasks_wait_and_how_many_are_late(client, queued_tasks, settings):
    settings.TASKS_LATE_AFTER_MINUTES = 15
    late = update_object_index.enqueue("stories.place", "1")
    DBTaskResult.objects.filter(pk=late.id).update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    update_object_index.enqueue("stories.place", "2")

    response = client.get("/readyz")

    assert response.status_code == 200  # a lagging worker never takes the site out of service
    tasks = response.json()["tasks"]
    assert (tasks["waiting"], tasks["late"]) == (2, 1)
    assert 3590 <= tasks["oldest_seconds"] <= 3700


@pytest.mark.django_db
def test_readyz_counts_a_deferred_task_as_waiting_from_when_it_may_run(client, queued_tasks, settings):
    settings.TASKS_LATE_AFTER_MINUTES = 15
    now = timezone.now()
    # An email's third attempt, queued 30 min ago to run now, and a task deferred to later.
    due = update_object_index.using(run_after=now - datetime.timedelta(seconds=20)).enqueue("stories.place", "1")
    DBTaskResult.objects.filter(pk=due.id).update(enqueued_at=now - datetime.timedelta(minutes=30))
    update_object_index.using(run_after=now + datetime.timedelta(hours=2)).enqueue("stories.place", "2")

    tasks = client.get("/readyz").json()["tasks"]

    assert (tasks["waiting"], tasks["late"]) == (1, 0)
    assert 15 <= tasks["oldest_seconds"] <= 120


@pytest.mark.django_db
def test_readyz_says_nothing_of_tasks_that_run_in_the_request(client, immediate_tasks):
    assert "tasks" not in client.get("/readyz").json()


@pytest.mark.django_db
def test_tags_saved_after_an_image_are_indexed_with_it(immediate_tasks):
    image = Image.objects.create(title="摔跤", file=get_test_image_file())
    assert not Image.objects.search("那达慕")

    image.tags.add("那达慕")  # as the admin's form does, after saving the image

    assert list(Image.objects.search("那达慕")) == [image]


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@WORKER_DB
def test_an_email_the_server_refuses_to_take_now_is_tried_again_later(worker, settings, caplog):
    from django.core.mail import EmailMessage, get_connection

    from core.mail import RETRY_DELAYS

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    message = EmailMessage("审核结果", "请补充数据。", "site@example.cn", ["editor@example.cn"])

    get_connection("core.mail.QueuedEmailBackend").send_messages([message])
    worker()

    first = DBTaskResult.objects.get(task_path="core.mail.send_email", status=TaskResultStatus.FAILED)
    assert "ConnectionRefusedError" in first.exception_class_path or "Connection refused" in str(first.traceback)
    retry = DBTaskResult.objects.get(task_path="core.mail.send_email", status=TaskResultStatus.READY)
    assert retry.args_kwargs["args"][1] == 2  # the second attempt, with the same message
    assert retry.args_kwargs["args"][0]["subject"] == "审核结果"
    wait = retry.run_after - timezone.now()
    assert RETRY_DELAYS[0] - datetime.timedelta(seconds=30) < wait <= RETRY_DELAYS[0]
    assert "attempt 2" in caplog.text


@WORKER_DB
def test_an_email_is_given_up_after_its_last_attempt(worker, settings):
    from core.mail import RETRY_DELAYS, message_to_json, send_email

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    from django.core.mail import EmailMessage

    message = message_to_json(EmailMessage("审核结果", "请补充数据。", "site@example.cn", ["editor@example.cn"]))
    send_email.enqueue(message, len(RETRY_DELAYS) + 1)
    worker()

    assert DBTaskResult.objects.filter(task_path="core.mail.send_email", status=TaskResultStatus.FAILED).count() == 1
    assert not DBTaskResult.objects.filter(task_path="core.mail.send_email", status=TaskResultStatus.READY).exists()


def test_only_failures_that_may_pass_are_tried_again():
    import smtplib
    import socket
    import ssl

    from core.mail import is_transient

    assert is_transient(ConnectionRefusedError())
    assert is_transient(smtplib.SMTPServerDisconnected("gone"))
    assert is_transient(smtplib.SMTPDataError(451, b"try later"))
    assert not is_transient(smtplib.SMTPDataError(554, b"rejected"))
    assert is_transient(smtplib.SMTPRecipientsRefused({"a@example.cn": (450, b"busy")}))
    assert not is_transient(smtplib.SMTPRecipientsRefused({"a@example.cn": (450, b"busy"), "b@x.cn": (550, b"no")}))
    assert not is_transient(ValueError("bad header"))
    assert is_transient(TimeoutError()) and is_transient(socket.gaierror(-3, "Temporary failure"))
    assert is_transient(smtplib.SMTPConnectError(421, b"too many connections"))
    # Settings to fix, not waits: retrying them for hours would only hide the mistake.
    assert not is_transient(smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server."))
    assert not is_transient(ssl.SSLCertVerificationError("certificate verify failed"))
    assert not is_transient(smtplib.SMTPAuthenticationError(535, b"bad credentials"))


@WORKER_DB
def test_an_email_whose_retry_cannot_be_queued_is_logged_with_both_errors(worker, settings, caplog, monkeypatch):
    from django_tasks.base import Task

    from core.mail import message_to_json, send_email

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    from django.core.mail import EmailMessage

    send_email.enqueue(message_to_json(EmailMessage("审核结果", "请补充数据。", "site@example.cn", ["e@example.cn"])))

    def locked(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Task, "enqueue", locked)  # only the worker's retry: the first is queued
    worker()

    failed = DBTaskResult.objects.get(task_path="core.mail.send_email", status=TaskResultStatus.FAILED)
    assert "ConnectionRefusedError" in failed.exception_class_path  # the sending error, not the queue's
    assert "could not be queued" in caplog.text and "database is locked" in caplog.text
