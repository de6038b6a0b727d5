"""Editors build schedule rules from choices; the stored RFC 5545 text is read back into them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from classroom.models import CoursePage
from classroom.recurrence import normalise_rule_text
from classroom.widgets import WEEKDAYS, build_rule, read_rule
from tests.classroom.factories import course_with_rules
from tests.classroom.test_admin import add_url, editor_client  # noqa: F401 (fixture)

CODES = [code for code, _label in WEEKDAYS]


@pytest.mark.parametrize(
    ("stored", "pattern"),
    [
        ("", "once"),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630T235959", "weekly"),
        ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "fortnightly"),
        ("RRULE:FREQ=MONTHLY;BYDAY=2SA", "monthly"),
        ("RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231T235959", "monthly"),
        ("RRULE:FREQ=WEEKLY", "weekly"),
    ],
)
def test_a_stored_rule_reads_back_into_the_same_choices(stored, pattern):
    choices = read_rule(stored)
    until = choices["until"].isoformat() if choices["until"] else ""

    rebuilt = build_rule(choices["pattern"], choices["weekdays"], choices["ordinal"], choices["weekday"], until, "")

    assert choices["pattern"] == pattern
    assert normalise_rule_text(rebuilt) == stored


@pytest.mark.parametrize(
    "stored",
    [
        "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20260210T093000",
        "RRULE:FREQ=DAILY;COUNT=3",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=15",
        "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO",
        "RRULE:FREQ=MONTHLY;BYDAY=2SA,4SA",
    ],
)
def test_a_rule_the_choices_cannot_say_is_kept_as_its_text(stored):
    choices = read_rule(stored)

    assert choices["pattern"] == "custom"
    assert build_rule("custom", [], "1", "MO", "", choices["text"]) == stored


@given(
    pattern=st.sampled_from(["weekly", "fortnightly", "monthly"]),
    weekdays=st.lists(st.sampled_from(CODES), unique=True, max_size=7),
    ordinal=st.sampled_from(["1", "2", "3", "4", "-1"]),
    weekday=st.sampled_from(CODES),
    until=st.one_of(st.none(), st.dates(datetime.date(2020, 1, 1), datetime.date(2040, 12, 31))),
)
def test_every_choice_survives_a_save_and_an_edit(pattern, weekdays, ordinal, weekday, until):
    text = normalise_rule_text(build_rule(pattern, weekdays, ordinal, weekday, until.isoformat() if until else "", ""))

    choices = read_rule(text)

    assert choices["pattern"] == pattern and choices["until"] == until
    if pattern == "monthly":
        assert (choices["ordinal"], choices["weekday"]) == (ordinal, weekday)
    else:
        assert set(choices["weekdays"]) == set(weekdays)


def builder_data(weekdays=(), **rule) -> dict:
    """The add form as the browser posts it (checked weekdays are one key, several values)."""
    row = {"start_date": "2026-01-06", "start_time": "09:30", "end_time": "11:00"}
    row.update({f"rrule_{name}": value for name, value in rule.items()})
    data = nested_form_data(
        {
            "title": "周二周四书法课",
            "slug": "calligraphy-builder",
            "description": rich_text("<p>一笔一画写团结。</p>"),
            "teachers": "王老师",
            "venue": "活动室",
            "schedule_rules": inline_formset([row]),
            "schedule_exceptions": inline_formset([]),
        }
    )
    data["schedule_rules-0-rrule_weekdays"] = list(weekdays)
    return data


@pytest.mark.django_db
def test_an_editor_builds_a_rule_and_sees_its_sessions(editor_client, calendar_page):  # noqa: F811
    until = datetime.date.today() + datetime.timedelta(days=60)
    data = builder_data(pattern="weekly", weekdays=["TU", "TH"], until=until.isoformat(), ordinal="1", weekday="MO")

    response = editor_client.post(add_url(calendar_page, CoursePage), data)

    assert response.status_code == 302
    course = CoursePage.objects.get(slug="calligraphy-builder")
    rule = course.get_latest_revision_as_object().schedule_rules.first()
    assert rule.rrule == f"RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL={until:%Y%m%d}T235959"
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    form = BeautifulSoup(edit, "html.parser")
    assert form.select_one('[name="schedule_rules-0-rrule_pattern"] option[selected]')["value"] == "weekly"
    checked = form.select('[name="schedule_rules-0-rrule_weekdays"][checked]')
    assert [box["value"] for box in checked] == ["TU", "TH"]
    assert form.select_one('[name="schedule_rules-0-rrule_until"]')["value"] == until.isoformat()
    thursday = datetime.date.today() + datetime.timedelta(days=(3 - datetime.date.today().weekday()) % 7)
    assert thursday.isoformat() in edit  # among the next ten sessions


@pytest.mark.django_db
def test_an_edit_that_does_not_touch_another_rule_keeps_its_text(editor_client, calendar_page):  # noqa: F811
    stored = "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20260113T093000"
    course = course_with_rules(
        calendar_page, rules=[{"start_date": datetime.date(2026, 1, 6), "rrule": stored}], exceptions=[]
    )
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()

    form = BeautifulSoup(edit, "html.parser")
    assert form.select_one('[name="schedule_rules-0-rrule_pattern"] option[selected]')["value"] == "custom"
    assert form.select_one('[name="schedule_rules-0-rrule_text"]').text.strip() == stored


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rule",
    [
        {"pattern": "weekly", "weekdays": ["XX"], "until": ""},
        {"pattern": "weekly", "weekdays": ["TU"], "until": "2026-13-40"},
        {"pattern": "weekly", "weekdays": ["TU"], "until": "2025-01-01"},
        {"pattern": "monthly", "ordinal": "9", "weekday": "SA", "until": ""},
        {"pattern": "custom", "text": "hello"},
        {"pattern": "nonsense", "text": "FREQ=SECONDLY"},
    ],
)
def test_a_bad_choice_is_a_form_error_and_nothing_is_saved(editor_client, calendar_page, rule):  # noqa: F811
    rule = {"ordinal": "1", "weekday": "MO", "text": "", **rule}

    response = editor_client.post(add_url(calendar_page, CoursePage), builder_data(**rule))

    assert response.status_code == 200
    assert "error-message" in response.content.decode()
    assert not CoursePage.objects.filter(slug="calligraphy-builder").exists()
