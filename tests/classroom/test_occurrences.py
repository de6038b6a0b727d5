"""Expanding courses and events into occurrences: exceptions, boundaries, bounded work."""

import datetime

import pytest

from classroom.models import ScheduleException
from classroom.occurrences import Filters, find_occurrences
from tests.classroom.factories import EventPageFactory, course_with_rules
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def local(occurrence):
    return occurrence.start.strftime("%Y-%m-%d %H:%M")


def test_weekly_course_across_the_year_boundary_with_a_cancellation_and_a_move(calendar_page):
    course_with_rules(
        calendar_page,
        rules=[{"start_date": D(2025, 12, 2), "rrule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260120"}],
        exceptions=[
            {"date": D(2025, 12, 30), "action": ScheduleException.Action.CANCEL},
            {
                "date": D(2026, 1, 6),
                "action": ScheduleException.Action.MOVE,
                "new_date": D(2026, 1, 8),
                "new_start_time": datetime.time(14, 0),
                "venue": "图书馆",
            },
        ],
    )

    found, truncated = find_occurrences(calendar_page, D(2025, 12, 25), D(2026, 1, 31))

    assert not truncated
    assert [local(o) for o in found] == [
        "2025-12-30 09:30",
        "2026-01-08 14:00",
        "2026-01-13 09:30",
        "2026-01-20 09:30",
    ]
    cancelled, moved = found[0], found[1]
    assert cancelled.cancelled and not found[2].cancelled
    assert moved.moved and moved.venue == "图书馆" and moved.original_start == datetime.datetime(2026, 1, 6, 9, 30)
    assert moved.end.strftime("%H:%M") == "15:30"  # keeps its length


def test_a_session_moved_into_the_range_appears_and_one_moved_out_does_not(calendar_page):
    course_with_rules(
        calendar_page,
        rules=[{"start_date": D(2026, 1, 6), "rrule": "FREQ=WEEKLY;BYDAY=TU"}],
        exceptions=[
            {"date": D(2026, 1, 27), "action": ScheduleException.Action.MOVE, "new_date": D(2026, 2, 2)},
            {"date": D(2026, 2, 10), "action": ScheduleException.Action.MOVE, "new_date": D(2026, 1, 31)},
        ],
    )

    january, _ = find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 31))
    february, _ = find_occurrences(calendar_page, D(2026, 2, 1), D(2026, 2, 28))

    assert [o.start.day for o in january] == [6, 13, 20, 31]
    assert [o.start.day for o in february] == [2, 3, 17, 24]


def test_a_change_of_time_teacher_and_venue_for_one_session(calendar_page):
    course_with_rules(
        calendar_page,
        exceptions=[
            {
                "date": D(2026, 1, 13),
                "action": ScheduleException.Action.CHANGE,
                "new_start_time": datetime.time(15, 0),
                "new_end_time": datetime.time(16, 0),
                "teacher": "李老师",
                "venue": "二楼教室",
            }
        ],
    )

    found, _ = find_occurrences(calendar_page, D(2026, 1, 13), D(2026, 1, 13))

    assert len(found) == 1
    assert local(found[0]) == "2026-01-13 15:00" and found[0].teacher == "李老师" and found[0].venue == "二楼教室"


def test_sessions_near_midnight_stay_on_their_shanghai_day(calendar_page):
    course_with_rules(
        calendar_page,
        rules=[
            {
                "start_date": D(2026, 3, 31),
                "start_time": datetime.time(23, 30),
                "end_time": datetime.time(23, 59),
                "rrule": "FREQ=DAILY;COUNT=2",
            },
            {
                "start_date": D(2026, 4, 1),
                "start_time": datetime.time(0, 15),
                "end_time": datetime.time(1, 0),
                "rrule": "",
            },
        ],
    )

    march, _ = find_occurrences(calendar_page, D(2026, 3, 1), D(2026, 3, 31))
    april, _ = find_occurrences(calendar_page, D(2026, 4, 1), D(2026, 4, 30))

    assert [local(o) for o in march] == ["2026-03-31 23:30"]
    assert [local(o) for o in april] == ["2026-04-01 00:15", "2026-04-01 23:30"]
    assert march[0].start.isoformat() == "2026-03-31T23:30:00+08:00"
    assert march[0].days() == [D(2026, 3, 31)]


def test_ranges_are_capped_at_a_year_and_results_at_the_limit(calendar_page):
    course_with_rules(calendar_page, rules=[{"rrule": "FREQ=DAILY"}])

    found, _ = find_occurrences(calendar_page, D(2026, 1, 6), D(2040, 1, 1))
    limited, truncated = find_occurrences(calendar_page, D(2026, 1, 6), D(2026, 12, 31), limit=10)

    assert len(found) == 366
    assert len(limited) == 10 and truncated
    assert find_occurrences(calendar_page, D(2026, 2, 1), D(2026, 1, 1)) == ([], False)


def test_events_filters_and_kinds(calendar_page, home):
    region = PlaceFactory(name="呼和浩特市", level=2)
    community = PlaceFactory(name="光明社区", parent=region)
    elsewhere = PlaceFactory(name="东胜区", level=3)
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    course_with_rules(calendar_page, title="老年书法", place=community, audiences=["seniors"])
    EventPageFactory(
        parent=calendar_page, title="那达慕", start_date=D(2026, 1, 10), end_date=D(2026, 1, 11), place=elsewhere
    )
    EventPageFactory(
        parent=calendar_page, title="政策宣讲", start_date=D(2026, 1, 12), end_date=D(2026, 1, 12), campaign=campaign
    )

    def titles(**filters):
        found, _ = find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 14), Filters(**filters))
        return sorted({o.page.title for o in found})

    assert titles() == ["政策宣讲", "老年书法", "那达慕"]
    assert titles(audience="seniors") == ["老年书法"]
    assert titles(kind="course") == ["老年书法"]
    assert titles(kind="event") == ["那达慕"]
    assert titles(kind="campaign") == ["政策宣讲"]
    assert titles(place_keys=frozenset({region.translation_key, community.translation_key})) == ["老年书法"]
    assert titles(text="宣讲") == ["政策宣讲"]
    assert titles(text="100%_") == []
    two_day = [o for o in find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 14))[0] if o.page.title == "那达慕"]
    assert two_day[0].days() == [D(2026, 1, 10), D(2026, 1, 11)]


def test_drafts_are_not_in_the_calendar(calendar_page):
    course = course_with_rules(calendar_page)
    course.unpublish()

    assert find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 31)) == ([], False)


def count_queries(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        function()
    return len(context)


def test_query_count_does_not_grow_with_sessions(calendar_page, django_assert_max_num_queries):
    course_with_rules(calendar_page, rules=[{"rrule": "FREQ=WEEKLY;COUNT=2"}])
    few = count_queries(lambda: find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 12, 31)))
    for n in range(3):
        course_with_rules(calendar_page, rules=[{"rrule": "FREQ=DAILY"}], exceptions=[{"date": D(2026, 1, 7 + n)}])
    EventPageFactory(parent=calendar_page, start_date=D(2026, 1, 9), end_date=D(2026, 1, 9))

    with django_assert_max_num_queries(few):
        found, _ = find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 12, 31))
    assert len(found) > 1000 and few <= 6


def test_cached_sessions_follow_publishing(calendar_page):
    course = course_with_rules(
        calendar_page, rules=[{"start_date": D(2026, 1, 5), "start_time": datetime.time(9, 30), "rrule": "FREQ=WEEKLY"}]
    )
    course.save_revision().publish()
    course.refresh_from_db()
    cold = count_queries(lambda: find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 31)))
    warm = count_queries(lambda: find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 31)))
    assert warm == cold - 2  # rules and exceptions are not read again

    rule = course.schedule_rules.first()
    rule.start_time = datetime.time(10, 0)
    rule.save()
    ScheduleException.objects.create(page=course, date=D(2026, 1, 12), action=ScheduleException.Action.CANCEL)
    course.save_revision().publish()

    found, _ = find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 31))
    assert {local(o)[11:] for o in found} == {"10:00"}
    assert [o.start.date() for o in found if o.cancelled] == [D(2026, 1, 12)]

    course.unpublish()
    assert find_occurrences(calendar_page, D(2026, 1, 1), D(2026, 1, 31)) == ([], False)
