"""Factories for courses, their schedule rules and changes, events and the calendar page."""

import datetime

import factory
import wagtail_factories

from classroom.models import CoursePage, EventIndexPage, EventPage, ScheduleException, ScheduleRule


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "红石榴课堂日历"
    slug = "events"
    intro = "社区里本周有什么课、什么活动。"

    class Meta:
        model = EventIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"书法课{n}")
    summary = "各族居民一起练书法。"
    teachers = "王老师"
    venue = "社区活动室"
    address = "光明路1号"
    contact_phone = "0471-1234567"
    audiences = factory.LazyFunction(lambda: ["seniors", "adults"])

    class Meta:
        model = CoursePage


class ScheduleRuleFactory(factory.django.DjangoModelFactory):
    start_date = datetime.date(2026, 1, 6)
    start_time = datetime.time(9, 30)
    end_time = datetime.time(11, 0)
    rrule = "RRULE:FREQ=WEEKLY;BYDAY=TU"

    class Meta:
        model = ScheduleRule


class ScheduleExceptionFactory(factory.django.DjangoModelFactory):
    action = ScheduleException.Action.CANCEL

    class Meta:
        model = ScheduleException


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"那达慕{n}")
    summary = "各族群众一起过那达慕。"
    start_date = datetime.date(2026, 7, 18)
    end_date = datetime.date(2026, 7, 18)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(12, 0)
    venue = "社区广场"
    audiences = factory.LazyFunction(lambda: ["children", "adults"])

    class Meta:
        model = EventPage


def course_with_rules(parent, rules=(), exceptions=(), **fields) -> CoursePage:
    """A live course with the given schedule rules and changes (dicts of field values)."""
    course = CoursePageFactory(parent=parent, **fields)
    for rule in rules or [{}]:
        ScheduleRuleFactory(page=course, **rule)
    for exception in exceptions:
        ScheduleExceptionFactory(page=course, **exception)
    return course
