"""Editors create courses, events and the calendar page; a bad rule is a form error, never a 500."""

import datetime

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from classroom.models import CoursePage, EventIndexPage, EventPage
from home.models import HomePage
from tests.classroom.factories import course_with_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return client


def add_url(parent, model) -> str:
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def test_page_type_rules():
    assert EventIndexPage.can_create_at(HomePage())
    assert CoursePage.can_create_at(EventIndexPage()) and EventPage.can_create_at(EventIndexPage())
    assert not CoursePage.can_create_at(HomePage()) and not EventPage.can_create_at(HomePage())


def course_data(rrule: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": "周二书法课",
            "slug": "tuesday-calligraphy",
            "description": rich_text("<p>一笔一画写团结。</p>"),
            "teachers": "王老师",
            "venue": "活动室",
            "schedule_rules": inline_formset(
                [{"start_date": "2026-01-06", "start_time": "09:30", "end_time": "11:00", "rrule": rrule}]
            ),
            "schedule_exceptions": inline_formset(
                [{"date": "2026-01-13", "action": "cancel", "new_date": "", "new_start_time": "", "new_end_time": ""}]
            ),
            **extra,
        }
    )


def test_editor_creates_the_calendar_page(editor_client, home):
    data = nested_form_data({"title": "红石榴课堂", "slug": "events", "intro": "本周活动"})

    response = editor_client.post(add_url(home, EventIndexPage), data)

    assert response.status_code == 302 and EventIndexPage.objects.filter(slug="events").exists()


def test_editor_creates_a_course_and_sees_the_next_ten_sessions(editor_client, calendar_page):
    data = course_data("FREQ=WEEKLY;BYDAY=TU")
    data["audiences"] = ["seniors", "adults"]

    response = editor_client.post(add_url(calendar_page, CoursePage), data)

    assert response.status_code == 302
    course = CoursePage.objects.get(slug="tuesday-calligraphy")
    draft = course.get_latest_revision_as_object()
    assert draft.audiences == ["seniors", "adults"]
    assert draft.schedule_rules.first().rrule == "RRULE:FREQ=WEEKLY;BYDAY=TU"
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert edit.count("星期二") >= 10 or edit.count(" Tue ") >= 10 or edit.count("周二") >= 10


@pytest.mark.parametrize("rrule", ["FREQ=SECONDLY", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;UNTIL=20200101", "hello"])
def test_a_bad_rule_is_a_clear_form_error(editor_client, calendar_page, rrule):
    response = editor_client.post(add_url(calendar_page, CoursePage), course_data(rrule))

    assert response.status_code == 200
    assert not CoursePage.objects.filter(slug="tuesday-calligraphy").exists()
    assert "error-message" in response.content.decode()


def test_editor_creates_an_event(editor_client, calendar_page):
    data = nested_form_data(
        {
            "title": "那达慕大会",
            "slug": "naadam",
            "start_date": "2026-07-18",
            "end_date": "2026-07-19",
            "start_time": "09:00",
            "end_time": "17:00",
            "description": rich_text("<p>赛马、摔跤、射箭。</p>"),
        }
    )

    response = editor_client.post(add_url(calendar_page, EventPage), data)

    assert response.status_code == 302 and EventPage.objects.filter(slug="naadam").exists()


def test_the_edit_form_of_a_course_renders(editor_client, calendar_page):
    course = course_with_rules(calendar_page)

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))

    assert response.status_code == 200 and datetime.date.today().year > 2000
