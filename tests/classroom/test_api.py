"""The occurrences JSON for the mini-program, and hostile parameters everywhere (hypothesis)."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom.models import ScheduleException
from tests.classroom.factories import EventPageFactory, course_with_rules

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/classroom/occurrences/"


@pytest.fixture
def content(calendar_page):
    course_with_rules(
        calendar_page,
        title="老年合唱",
        rules=[{"start_date": D(2026, 3, 3), "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=4"}],
        exceptions=[{"date": D(2026, 3, 10), "action": ScheduleException.Action.CANCEL}],
    )
    EventPageFactory(parent=calendar_page, title="植树节活动", start_date=D(2026, 3, 12), end_date=D(2026, 3, 12))


def test_occurrences_of_a_range_as_json(client, content):
    response = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31"})

    data = response.json()
    assert response.status_code == 200 and data["count"] == 5 and not data["truncated"]
    first = data["occurrences"][0]
    assert first["title"] == "老年合唱" and first["start"] == "2026-03-03T09:30:00+08:00" and first["kind"] == "course"
    assert [o["cancelled"] for o in data["occurrences"]][:2] == [False, True]
    assert first["url"].startswith("http://") and first["venue"] == "社区活动室"


def test_json_filters(client, content):
    data = client.get(URL, {"start": "2026-03-01", "end": "2026-03-31", "kind": "event"}).json()

    assert [o["title"] for o in data["occurrences"]] == ["植树节活动"]


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2026-03-31", "end": "2026-03-01"},
        {"start": "2026-01-01", "end": "2028-01-01"},
        {"start": "２０２６-03-01"},
        {"start": "2026-²3-01"},
        {"start": "2026-13-01"},
        {"locale": "xx"},
        {"audience": "seniors\x00"},
    ],
)
def test_bad_json_parameters_are_a_400_with_a_message(client, content, query):
    response = client.get(URL, query)

    assert response.status_code == 400 and response.json()["error"]


PARAMETERS = ["view", "date", "place", "audience", "kind", "q", "start", "end", "locale"]
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["２０２６-01-01", "2026-02-30", "²", "-1", "9" * 30, "' OR 1=1 --", "<script>", "%00", "\x00", "\ud7ff"]
    ),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(st.tuples(st.sampled_from(PARAMETERS), hostile_text), max_size=4))
def test_calendar_feed_and_json_never_fail_on_hostile_parameters(client, calendar_page, query):
    for path in ("/zh-hans/events/", "/zh-hans/events/ical/", "/mn-mong/events/", URL):
        response = client.get(path, query)
        assert response.status_code in (200, 302, 400, 404), (path, query)
