"""load_demo's classroom: eight or more courses, a cancelled and a moved session, events,
campaign activities, Mongolian translations in the traditional script; safe to run twice."""

import re

import pytest

from django.core.management import call_command

from classroom.models import CoursePage, EventPage, ScheduleException, ScheduleRule

pytestmark = pytest.mark.django_db
CYRILLIC_OR_PRIVATE_USE = re.compile("[\u0400-\u04ff\ue000-\uf8ff]")


def load() -> None:
    with open("/dev/null", "w") as quiet:
        call_command("load_demo", "--no-admin", stdout=quiet)


def test_demo_classroom_in_both_languages_and_idempotent(client):
    load()
    uids = set(ScheduleRule.objects.values_list("uid", flat=True))
    load()

    chinese = CoursePage.objects.live().filter(locale__language_code="zh-hans")
    mongolian = CoursePage.objects.live().filter(locale__language_code="mn-mong")
    assert chinese.count() >= 8 and mongolian.count() == chinese.count()
    assert set(ScheduleRule.objects.values_list("uid", flat=True)) == uids  # nothing made twice, uids kept
    actions = set(
        ScheduleException.objects.filter(page__locale__language_code="zh-hans").values_list("action", flat=True)
    )
    assert {ScheduleException.Action.CANCEL, ScheduleException.Action.MOVE} <= actions
    events = EventPage.objects.live().filter(locale__language_code="zh-hans")
    assert events.filter(campaign__isnull=True).count() >= 3
    assert events.filter(campaign__isnull=False).values("campaign").distinct().count() == 3
    for page in mongolian:
        assert re.search("[\u1820-\u1878]", page.title) and not CYRILLIC_OR_PRIVATE_USE.search(page.title + page.venue)

    html = client.get("/mn-mong/events/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert 'class="vertical-main"' in html and not CYRILLIC_OR_PRIVATE_USE.search(html)
    assert mongolian.first().title in html or "occurrence" in html
