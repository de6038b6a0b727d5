"""What residents see: the calendar's views and filters, course and event pages, the campaign's events."""

import datetime
import json
import re

import pytest

from django.utils import timezone

from classroom.models import ScheduleException
from tests.classroom.factories import EventPageFactory, course_with_rules
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def course(calendar_page, today):
    monday = today - datetime.timedelta(days=today.weekday())
    return course_with_rules(
        calendar_page,
        title="老年书法班",
        venue="光明社区活动室",
        audiences=["seniors"],
        place=PlaceFactory(name="光明社区"),
        rules=[{"start_date": monday - datetime.timedelta(days=21), "rrule": "FREQ=DAILY"}],
        exceptions=[{"date": today + datetime.timedelta(days=1), "action": ScheduleException.Action.CANCEL}],
    )


@pytest.fixture
def event(calendar_page, today):
    return EventPageFactory(
        parent=calendar_page,
        title="社区那达慕",
        start_date=today + datetime.timedelta(days=2),
        end_date=today + datetime.timedelta(days=2),
    )


def test_calendar_lives_at_events_and_defaults_to_the_agenda(client, calendar_page, course, event, today):
    response = client.get("/zh-hans/events/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "template-calendar calendar--agenda" in html
    assert "老年书法班" in html and "社区那达慕" in html
    assert "agenda__day--today" in html
    assert re.search(r"<del><a [^>]*>老年书法班</a></del>\s*<strong class=\"occurrence__flag\">已取消</strong>", html)
    assert 'href="?view=month' in html and 'href="?view=week' in html


def test_past_sessions_are_greyed_in_the_week_and_month(client, calendar_page, course, today):
    week = client.get("/zh-hans/events/", {"view": "week"}).content.decode()
    month = client.get("/zh-hans/events/", {"view": "month", "date": today.isoformat()}).content.decode()

    if today.weekday() > 0:
        assert "occurrence--past" in week
    assert 'class="month"' in month and 'aria-current="date"' in month and "month__day--today" in month


def test_filters_by_audience_kind_place_and_words(client, calendar_page, course, event):
    seniors = client.get("/zh-hans/events/", {"audience": "seniors"}).content.decode()
    events = client.get("/zh-hans/events/", {"kind": "event"}).content.decode()
    words = client.get("/zh-hans/events/", {"q": "那达慕"}).content.decode()
    place = client.get("/zh-hans/events/", {"place": course.place.pk}).content.decode()

    assert "老年书法班" in seniors and "社区那达慕" not in seniors
    assert "老年书法班" not in events and "社区那达慕" in events
    assert "老年书法班" not in words and "社区那达慕" in words
    assert "老年书法班" in place and "社区那达慕" not in place


def test_place_filter_includes_places_below(client, calendar_page, today):
    city = PlaceFactory(name="呼和浩特市", level=2)
    course_with_rules(
        calendar_page,
        title="社区课",
        place=PlaceFactory(name="光明社区", parent=city),
        rules=[{"start_date": today, "rrule": ""}],
    )

    html = client.get("/zh-hans/events/", {"place": city.pk}).content.decode()

    assert "社区课" in html


@pytest.mark.parametrize(
    "query",
    [
        {"date": "2026-02-30"},
        {"date": "２０２６-01-01"},
        {"date": "2026-0²-01"},
        {"date": "99999-01-01"},
        {"date": "1066-10-14"},
        {"view": "year"},
        {"audience": "aliens"},
        {"kind": "<script>"},
        {"place": "1 OR 1=1"},
        {"place": "999999"},
        {"q": "x" * 500},
        {"q": "\x00"},
    ],
)
def test_bad_parameters_give_a_400_with_a_clear_empty_state(client, calendar_page, course, query):
    response = client.get("/zh-hans/events/", query)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "老年书法班" not in html and 'value="<script>"' not in html


def test_repeated_filters_are_refused_and_unknown_ones_ignored(client, calendar_page, course):
    assert client.get("/zh-hans/events/?audience=seniors&audience=children").status_code == 400
    assert client.get("/zh-hans/events/?from=singlemessage&isappinstalled=0").status_code == 200


def test_hostile_words_are_escaped(client, calendar_page, course):
    response = client.get("/zh-hans/events/", {"q": '"><script>alert(1)</script>'})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_course_page_shows_sessions_facts_subscribe_and_json_ld(client, course, today):
    response = client.get(course.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "光明社区活动室" in html and "王老师" in html and "0471-1234567" in html and "老年人" in html
    assert "已取消" in html
    assert "webcal://testserver/zh-hans/events/" in html and 'class="qr-code"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data[0]["@type"] == "Event" and data[0]["location"]["name"] == "光明社区活动室"
    assert any(item["eventStatus"].endswith("EventCancelled") for item in data)


def test_event_page_shows_time_venue_and_json_ld(client, event):
    html = client.get(event.url).content.decode()

    assert "社区那达慕" in html and "社区广场" in html and "09:00" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["startDate"].endswith("T09:00:00+08:00") and data["eventStatus"].endswith("EventScheduled")


def test_campaign_page_lists_its_coming_and_past_activities(client, home, calendar_page, today):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    EventPageFactory(parent=calendar_page, title="宣讲进社区", campaign=campaign, start_date=today, end_date=today)
    EventPageFactory(
        parent=calendar_page,
        title="去年的宣讲",
        campaign=campaign,
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=400),
    )
    EventPageFactory(parent=calendar_page, title="别的活动", start_date=today, end_date=today)

    html = client.get(campaign.url).content.decode()

    assert "宣讲进社区" in html and "去年的宣讲" in html and "别的活动" not in html
    assert html.index("宣讲进社区") < html.index("去年的宣讲")


def test_sitemap_lists_courses_and_events(client, course, event):
    xml = client.get("/sitemap.xml").content.decode()

    assert course.full_url in xml and event.full_url in xml


def test_month_grid_shows_three_sessions_a_day_and_links_the_rest(client, calendar_page, today):
    for hour in range(8, 13):
        course_with_rules(
            calendar_page,
            title=f"课程{hour}",
            rules=[
                {
                    "start_date": today,
                    "start_time": datetime.time(hour, 0),
                    "end_time": datetime.time(hour, 30),
                    "rrule": "",
                }
            ],
        )

    html = client.get("/zh-hans/events/", {"view": "month", "date": today.isoformat()}).content.decode()

    assert "课程8" in html and "课程10" in html and "课程11" not in html
    assert f'href="?date={today.isoformat()}"' in html and "还有2项" in html


def test_month_view_query_count_does_not_grow_with_sessions(
    client, calendar_page, today, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/zh-hans/events/?view=month&date={today.isoformat()}"
    course_with_rules(calendar_page, title="单次课", place=PlaceFactory(), rules=[{"start_date": today, "rrule": ""}])
    client.get(url)  # warm the site and locale caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    few_queries = len(few)  # read now: the next request clears the connection's query log
    for number in range(6):
        course_with_rules(
            calendar_page,
            title=f"天天课{number}",
            place=PlaceFactory(),
            rules=[{"start_date": today - datetime.timedelta(days=40), "rrule": "FREQ=DAILY"}],
            exceptions=[{"date": today, "action": ScheduleException.Action.CANCEL}],
        )
    EventPageFactory(parent=calendar_page, start_date=today, end_date=today)
    client.get(url)  # warm the new courses' sessions too: both measured requests read the cache

    with django_assert_max_num_queries(few_queries):
        response = client.get(url)
    assert response.status_code == 200 and response.content.decode().count("month__items") > 25
