"""Recurrence rules: parsing, validation and bounded expansion in Asia/Shanghai time."""

import datetime

import pytest

from classroom import recurrence

START = datetime.datetime(2026, 1, 6, 9, 30)  # a Tuesday


def dates(moments):
    return [moment.date().isoformat() for moment in moments]


def test_weekly_on_given_weekdays_between_two_dates():
    found = recurrence.expand(
        "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260122",
        START,
        datetime.datetime(2026, 1, 1),
        datetime.datetime(2027, 1, 1),
    )

    assert dates(found) == ["2026-01-06", "2026-01-08", "2026-01-13", "2026-01-15", "2026-01-20", "2026-01-22"]


def test_every_two_weeks_and_second_saturday_of_the_month():
    fortnightly = recurrence.expand(
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", START, datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 15)
    )
    monthly = recurrence.expand(
        "FREQ=MONTHLY;BYDAY=2SA", START, datetime.datetime(2026, 1, 1), datetime.datetime(2026, 4, 1)
    )

    assert dates(fortnightly) == ["2026-01-10", "2026-01-24", "2026-02-07"]
    assert dates(monthly) == ["2026-01-10", "2026-02-14", "2026-03-14"]


def test_a_rule_without_end_is_expanded_only_inside_the_range_and_bounded():
    found = recurrence.expand("FREQ=DAILY", START, datetime.datetime(2030, 1, 1), datetime.datetime(2030, 1, 8))
    capped = recurrence.expand("FREQ=DAILY", START, datetime.datetime(2026, 1, 1), datetime.datetime(2099, 1, 1))

    assert dates(found)[0] == "2030-01-01" and len(found) == 7
    assert len(capped) == recurrence.MAX_OCCURRENCES


def test_exdate_and_rdate_lines_are_honoured():
    found = recurrence.expand(
        "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3\nEXDATE:20260113T093000\nRDATE:20260115T093000",
        START,
        datetime.datetime(2026, 1, 1),
        datetime.datetime(2026, 2, 1),
    )

    assert dates(found) == ["2026-01-06", "2026-01-15", "2026-01-20"]


def test_empty_rule_is_a_single_session():
    assert recurrence.expand("", START, datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 1)) == [START]
    assert recurrence.expand("", START, datetime.datetime(2026, 2, 1), datetime.datetime(2026, 3, 1)) == []


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=SECONDLY",
        "FREQ=HOURLY;INTERVAL=1",
        "RRULE:FREQ=WEEKLY;BYDAY=XX",
        "FREQ=MONTHLY;BYDAY=9SA",
        "FREQ=MONTHLY;BYDAY=-7FR",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=9999",
        "DTSTART:20260101T000000",
        "RRULE:FREQ=WEEKLY;UNTIL=20250101",
        "FREQ=WEEKLY;BYDAY=星期二",
        "FREQ=WEEKLY\x00",
        "RRULE:FREQ=WEEKLY\nRRULE:FREQ=DAILY",
        "nonsense",
    ],
)
def test_bad_rules_are_refused_with_a_message(text):
    with pytest.raises(recurrence.RuleError) as error:
        recurrence.validate_rule(text, START)
    assert str(error.value)
    assert recurrence.expand(text, START, datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 1)) in ([], [START])


def test_bare_lines_are_normalised():
    assert recurrence.normalise_rule_text(" freq=weekly;byday=tu \r\n\n") == "RRULE:FREQ=WEEKLY;BYDAY=TU"


def test_times_are_asia_shanghai():
    moment = recurrence.aware(datetime.datetime(2026, 1, 1, 0, 30))

    assert moment.utcoffset() == datetime.timedelta(hours=8)
    assert moment.astimezone(datetime.UTC).date() == datetime.date(2025, 12, 31)
