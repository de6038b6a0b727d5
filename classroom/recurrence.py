"""RFC 5545 recurrence rules of course sessions, read with python-dateutil, in Asia/Shanghai time.

A rule is stored as text, one or more content lines without DTSTART (the session's first
date and time give it)::

    RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630
    RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA
    RRULE:FREQ=MONTHLY;BYDAY=2SA
    EXDATE:20260505T093000

A bare ``FREQ=...`` line is read as an RRULE line. Empty text means a one-off session.
Expansion is always bounded: by the requested range, and by :data:`MAX_OCCURRENCES`.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
from zoneinfo import ZoneInfo

from dateutil import rrule as du_rrule

from django.utils.translation import gettext_lazy as _

TIME_ZONE = ZoneInfo("Asia/Shanghai")
#: China has kept UTC+8 without daylight saving time since 1991, and rules start in 2000 or
#: later, so occurrences use this fixed offset: much cheaper than ZoneInfo for thousands of
#: sessions. Feeds use TIME_ZONE, for its TZID and VTIMEZONE.
SHANGHAI_OFFSET = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")
#: No rule yields more than this many occurrences in one expansion.
MAX_OCCURRENCES = 1000
#: Sessions are at most daily: finer frequencies are refused.
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
ALLOWED_PROPERTIES = {"RRULE", "RDATE", "EXDATE"}
#: Rules may not start before this year, so that expanding one never walks centuries.
EARLIEST_YEAR = 2000
#: UNTIL=20260630 means "until the end of 30 June": the session that day is included.
DATE_ONLY_UNTIL = re.compile(r"UNTIL=([0-9]{8})(?![0-9T])")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: What dateutil raises for a rule it cannot read or walk: parsing, and iterating too (an
#: ordinal out of range such as BYDAY=9SA in a monthly rule is an IndexError only then).
DATEUTIL_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError)


INVALID_RULE = _(
    "This is not a valid recurrence rule. Examples: FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630, "
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA, FREQ=MONTHLY;BYDAY=2SA."
)


class RuleError(ValueError):
    """A recurrence rule that cannot be used; its message is shown to the editor."""


def normalise_rule_text(text: str) -> str:
    """The rule as stored: upper case content lines, bare FREQ= lines prefixed with RRULE:,
    and an UNTIL date made the end of that day (local time)."""
    lines = []
    for raw in (text or "").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.upper().startswith("FREQ="):
            line = "RRULE:" + line
        lines.append(DATE_ONLY_UNTIL.sub(r"UNTIL=\1T235959", line.upper()))
    return "\n".join(lines)


@functools.lru_cache(maxsize=4096)
def parse_rule(text: str, dtstart: datetime.datetime) -> du_rrule.rruleset:
    """A dateutil rule set for ``text`` starting at the naive local ``dtstart``.

    Cached: a calendar page expands the same rules on every request, and a rule set is only
    read (each expansion iterates it afresh).

    Raises:
        RuleError: when the text is not a rule this site accepts (unknown property,
            a frequency finer than daily, a malformed rule, a date before 2000).
    """
    text = normalise_rule_text(text)
    if CONTROL_CHARACTERS.search(text) or not text.isascii():
        raise RuleError(_("The rule may only contain letters, digits and the signs = ; : , -"))
    if dtstart.year < EARLIEST_YEAR:
        raise RuleError(_("Sessions cannot start before the year 2000."))
    has_rule = False
    for line in text.split("\n"):
        name = re.split(r"[:;]", line, maxsplit=1)[0]
        if name not in ALLOWED_PROPERTIES:
            raise RuleError(_("Only RRULE, RDATE and EXDATE lines are allowed."))
        if name == "RRULE":
            if has_rule:
                raise RuleError(_("Write one RRULE line per rule; add another rule for another pattern."))
            has_rule = True
            frequency = re.search(r"FREQ=([A-Z]+)", line)
            if not frequency or frequency.group(1) not in ALLOWED_FREQUENCIES:
                raise RuleError(_("The rule must repeat daily, weekly, monthly or yearly (FREQ=WEEKLY, for example)."))
            interval = re.search(r"INTERVAL=([0-9]+)", line)
            if interval and not 1 <= int(interval.group(1)) <= 52:
                raise RuleError(_("INTERVAL must be a number from 1 to 52."))
    try:
        rules = du_rrule.rrulestr(text, dtstart=dtstart, forceset=True, ignoretz=True)
    except DATEUTIL_ERRORS as error:
        raise RuleError(INVALID_RULE) from error
    return rules


def validate_rule(text: str, dtstart: datetime.datetime) -> None:
    """Raise :class:`RuleError` unless the rule parses and yields at least one session."""
    if not normalise_rule_text(text):
        return
    rules = parse_rule(text, dtstart)
    try:
        first = next(iter(rules), None)
    except DATEUTIL_ERRORS as error:
        raise RuleError(INVALID_RULE) from error
    if first is None:
        raise RuleError(_("This rule never happens: check its end date (UNTIL) and its days."))


def expand(
    text: str,
    dtstart: datetime.datetime,
    start: datetime.datetime,
    end: datetime.datetime,
    limit: int = MAX_OCCURRENCES,
) -> list[datetime.datetime]:
    """Naive local start times of the rule's sessions with ``start <= t < end``, at most ``limit``.

    A rule without an end is only walked up to ``end``; an invalid rule yields nothing
    (the edit form refuses it, so this only protects pages saved before a rule change).
    Results are cached in the process by rule, first session and range: the same month is
    asked for again and again, and a change to a rule changes its text or first session.
    """
    return list(_expand(text, dtstart, start, end, limit))


@functools.lru_cache(maxsize=8192)
def _expand(
    text: str, dtstart: datetime.datetime, start: datetime.datetime, end: datetime.datetime, limit: int
) -> tuple[datetime.datetime, ...]:
    if not normalise_rule_text(text):
        return (dtstart,) if start <= dtstart < end else ()
    try:
        rules = parse_rule(text, dtstart)
        found = rules.xafter(start, inc=True)
        return tuple(itertools.islice(itertools.takewhile(lambda moment: moment < end, found), limit))
    except (RuleError, *DATEUTIL_ERRORS):
        return ()


@functools.lru_cache(maxsize=8192)
def sessions(
    text: str,
    dtstart: datetime.datetime,
    duration: datetime.timedelta,
    start: datetime.datetime,
    end: datetime.datetime,
    limit: int = MAX_OCCURRENCES,
) -> tuple[tuple[datetime.datetime, datetime.datetime, datetime.datetime], ...]:
    """The rule's sessions in [start, end) as (naive local start, aware start, aware end).

    Cached like :func:`expand`, so a calendar asking for the same month again makes no
    datetimes at all: the aware times are built once per rule and range, not per request.
    """
    return tuple(
        (moment, aware(moment), aware(moment + duration)) for moment in _expand(text, dtstart, start, end, limit)
    )


def occurs_on(text: str, dtstart: datetime.datetime, day: datetime.date) -> datetime.datetime | None:
    """The rule's session on ``day`` (naive local time), or None when it has none that day."""
    start = datetime.datetime.combine(day, datetime.time.min)
    found = expand(text, dtstart, start, start + datetime.timedelta(days=1), limit=1)
    return found[0] if found else None


def aware(moment: datetime.datetime) -> datetime.datetime:
    """A naive Asia/Shanghai time made aware, at the fixed offset +08:00 (see SHANGHAI_OFFSET)."""
    return moment.replace(tzinfo=SHANGHAI_OFFSET)


def zoned(moment: datetime.datetime) -> datetime.datetime:
    """A naive Asia/Shanghai time with the Asia/Shanghai zone, for iCalendar's TZID."""
    return moment.replace(tzinfo=TIME_ZONE)


def strip_control_characters(text: str) -> str:
    """Text without C0 and C1 control characters (tabs and line breaks are kept)."""
    return CONTROL_CHARACTERS.sub("", text or "")
