"""Scheduled publishing as a background task, for sites that run a django-tasks worker instead of cron."""

import datetime
import io

from django_tasks import task

from django.core.management import call_command
from django.utils import timezone


@task()
def publish_scheduled_pages(every_minutes: int = 0) -> str:
    """Publish pages whose go-live time has come and expire those past their expiry time.

    With ``every_minutes`` and a backend that can defer tasks, the task queues its own
    next run, so one enqueue keeps a worker publishing on schedule. Returns the
    command's report.
    """
    report = io.StringIO()
    call_command("publish_scheduled", stdout=report)
    if every_minutes and publish_scheduled_pages.get_backend().supports_defer:
        publish_scheduled_pages.using(run_after=timezone.now() + datetime.timedelta(minutes=every_minutes)).enqueue(
            every_minutes=every_minutes
        )
    return report.getvalue()
