"""benchmark_calendar: builds a busy month, prints its figures and leaves the database as it was."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page

from classroom.models import ScheduleException

pytestmark = pytest.mark.django_db


def test_prints_every_view_with_its_queries_and_rolls_back(home, settings):
    settings.PAGE_CACHE_ENABLED = True
    pages_before = Page.objects.count()
    output, errors = StringIO(), StringIO()

    call_command(
        "benchmark_calendar", "--courses", "3", "--runs", "1", "--host", "localhost", stdout=output, stderr=errors
    )

    assert errors.getvalue() == ""
    lines = output.getvalue().splitlines()
    assert lines[0].startswith("3 courses, ")
    rows = {line[:30].strip(): line[30:].split() for line in lines[2:]}
    assert list(rows) == [
        "month view",
        "month view, seniors",
        "week view",
        "agenda (28 days, first 300)",
        "iCalendar feed (all)",
    ]
    assert all(int(figures[4]) > 0 for figures in rows.values())  # rendered, not served from the page cache
    assert Page.objects.count() == pages_before
    assert not ScheduleException.objects.exists()
