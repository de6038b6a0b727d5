"""How fast the calendar is with a busy month: 200 courses, about 5,000 sessions in a month.

Builds its corpus inside a transaction that the command rolls back, so the database is left
as it was; measures the month view, the agenda, the week and the iCalendar feed with
devtools.benchmarks.pages.measure (p50, p95, SQL queries).
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction

from wagtail.models import Locale, Page, Site

from classroom.models import CoursePage, EventIndexPage, EventPage, ScheduleException, ScheduleRule
from classroom.occurrences import find_occurrences
from home.models import HomePage

#: Six sessions a week: about 26 in a month per course.
BUSY_RULE = "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"


class Rollback(Exception):
    """Raised to undo the corpus once the figures are taken."""


def site_home(host: str) -> HomePage:
    """The Chinese home page of the site serving ``host`` (made for the benchmark when missing)."""
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="首页", slug="bench-home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": host, "port": 80, "root_page": home, "site_name": "bench"}
    )
    return home


def build(home: HomePage, courses: int, month: datetime.date) -> EventIndexPage:
    """A calendar page with ``courses`` courses meeting six days a week through ``month``, and 20 events."""
    index = home.add_child(instance=EventIndexPage(title="基准日历", slug="bench-calendar", locale=home.locale))
    term_start = month - datetime.timedelta(days=60)
    rules, exceptions = [], []
    for number in range(courses):
        course = index.add_child(
            instance=CoursePage(
                title=f"基准课程{number}",
                slug=f"bench-course-{number}",
                locale=home.locale,
                venue="社区活动室",
                address="光明路1号",
                teachers="王老师",
                audiences=["seniors", "adults"] if number % 2 else ["children"],
            )
        )
        rules.append(
            ScheduleRule(
                page=course,
                uid=uuid.uuid4(),
                start_date=term_start,
                start_time=datetime.time(8 + number % 10, 0),
                end_time=datetime.time(9 + number % 10, 0),
                rrule=BUSY_RULE,
            )
        )
        exceptions.append(
            ScheduleException(
                page=course,
                locale=course.locale,
                date=month + datetime.timedelta(days=number % 20),
                action="cancel",
            )
        )
    ScheduleRule.objects.bulk_create(rules)
    ScheduleException.objects.bulk_create(exceptions)
    for number in range(20):
        day = month + datetime.timedelta(days=number)
        index.add_child(
            instance=EventPage(
                title=f"基准活动{number}",
                slug=f"bench-event-{number}",
                locale=home.locale,
                start_date=day,
                end_date=day,
            )
        )
    return index


def urls(index: EventIndexPage, month: datetime.date) -> dict[str, str]:
    base = index.url
    return {
        "month view": f"{base}?view=month&date={month.isoformat()}",
        "month view, seniors": f"{base}?view=month&date={month.isoformat()}&audience=seniors",
        "week view": f"{base}?view=week&date={month.isoformat()}",
        "agenda (28 days, first 300)": f"{base}?date={month.isoformat()}",
        "iCalendar feed (all)": f"{base}ical/",
    }


def run(measure, client, host: str, courses: int, runs: int, month: datetime.date) -> tuple[list, int]:
    """Build, measure every URL, roll back. Returns the figures and the month's occurrence count."""
    figures: list = []
    count = 0
    try:
        with transaction.atomic():
            index = build(site_home(host), courses, month)
            last = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
            count = len(find_occurrences(index, month, last)[0])
            for name, url in urls(index, month).items():
                figures.append(measure(client, name, url, runs))
            raise Rollback
    except Rollback:
        pass
    return figures, count
