"""iCalendar feeds: valid, parsed back with icalendar, UIDs stable, exceptions as RECURRENCE-ID."""

import datetime

import pytest
from icalendar import Calendar

from classroom.models import ScheduleException
from tests.classroom.factories import EventPageFactory, course_with_rules

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def course(calendar_page):
    return course_with_rules(
        calendar_page,
        title="蒙古文书法\x07班\x85",
        rules=[{"start_date": D(2026, 1, 6), "rrule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630\nEXDATE:20260210T093000"}],
        exceptions=[
            {"date": D(2026, 1, 13), "action": ScheduleException.Action.CANCEL},
            {
                "date": D(2026, 1, 20),
                "action": ScheduleException.Action.MOVE,
                "new_date": D(2026, 1, 22),
                "venue": "图书馆",
            },
        ],
    )


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_course_feed_has_timezone_rule_exceptions_location_and_url(client, course):
    calendar = parse(client.get(course.url + "ical/"))

    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    timezones = calendar.walk("VTIMEZONE")
    assert [tz["TZID"] for tz in timezones] == ["Asia/Shanghai"]
    events = calendar.walk("VEVENT")
    master = next(e for e in events if "RRULE" in e)
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    assert master["SUMMARY"] == "蒙古文书法班"  # control characters stripped
    assert master["DTSTART"].dt.isoformat() == "2026-01-06T09:30:00+08:00"
    assert master["DTSTART"].params["TZID"] == "Asia/Shanghai"
    until = master["RRULE"]["UNTIL"][0]
    assert until.utcoffset() == datetime.timedelta(0) and until.isoformat() == "2026-06-30T15:59:59+00:00"
    assert master["EXDATE"].dts[0].dt.isoformat() == "2026-02-10T09:30:00+08:00"
    assert master["LOCATION"] == "社区活动室，光明路1号" and master["URL"].startswith("http://")
    assert {e["UID"] for e in events} == {master["UID"]}
    by_id = {e["RECURRENCE-ID"].dt.date(): e for e in overrides}
    assert by_id[D(2026, 1, 13)]["STATUS"] == "CANCELLED"
    moved = by_id[D(2026, 1, 20)]
    assert moved["DTSTART"].dt.isoformat() == "2026-01-22T09:30:00+08:00" and moved["LOCATION"].startswith("图书馆")
    assert isinstance(int(master["SEQUENCE"]), int)
    raw = client.get(course.url + "ical/").content
    assert b"\x07" not in raw and "\x85".encode() not in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded (RFC 5545 3.1)


def test_uids_stay_and_sequence_grows_after_an_edit(client, course):
    before = parse(client.get(course.url + "ical/")).walk("VEVENT")[0]
    rule = course.schedule_rules.first()
    rule.start_time = datetime.time(10, 0)
    rule.save()
    course.title = "书法班（改时间）"
    revision = course.save_revision()
    revision.publish()
    course.refresh_from_db()

    after = parse(client.get(course.url + "ical/")).walk("VEVENT")[0]

    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) >= int(before["SEQUENCE"])
    assert after["DTSTART"].dt.hour == 10


def test_whole_and_filtered_feeds_and_single_event_download(client, calendar_page, course):
    event = EventPageFactory(
        parent=calendar_page,
        title="那达慕",
        start_date=D(2099, 7, 1),
        end_date=D(2099, 7, 2),
        start_time=None,
        end_time=None,
        cancelled=True,
    )

    whole = parse(client.get("/zh-hans/events/ical/"))
    events_only = parse(client.get("/zh-hans/events/ical/", {"kind": "event"}))
    download = client.get(event.url + "ical/")

    assert {str(e["SUMMARY"]) for e in whole.walk("VEVENT")} == {"蒙古文书法班", "那达慕"}
    assert {str(e["SUMMARY"]) for e in events_only.walk("VEVENT")} == {"那达慕"}
    assert download["Content-Disposition"].startswith("attachment")
    single = parse(download).walk("VEVENT")[0]
    assert single["DTSTART"].dt == D(2099, 7, 1) and single["DTEND"].dt == D(2099, 7, 3)
    assert single["STATUS"] == "CANCELLED"


@pytest.mark.parametrize(
    "query", ["kind=nothing", "audience=seniors&audience=youth", "place=%EF%BC%91", "q=" + "x" * 300]
)
def test_bad_feed_parameters_are_a_400(client, calendar_page, query):
    assert client.get(f"/zh-hans/events/ical/?{query}").status_code == 400
