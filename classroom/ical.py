"""iCalendar feeds (RFC 5545) of the calendar, of one course, and of one event.

- Times carry TZID=Asia/Shanghai with its VTIMEZONE; RRULE UNTIL is written in UTC as the
  RFC requires when DTSTART has a TZID.
- UIDs come from the page's translation key and the schedule rule's own uid, so they stay
  the same when the page or the rule is edited; each language has its own.
- A changed, moved or cancelled session is a VEVENT with the master's UID and a
  RECURRENCE-ID (the planned start); a cancelled one has STATUS:CANCELLED so calendar apps
  show it as cancelled rather than dropping it silently. EXDATE and RDATE lines the editor
  wrote are passed on.
- SEQUENCE grows with every publication (minutes since 2020 at the last publication).
- Text is stripped of C0 and C1 control characters.
"""

from __future__ import annotations

import datetime
import re

from icalendar import Calendar, Event
from icalendar.prop import vDDDTypes, vRecur

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Locale

from classroom import recurrence
from classroom.forms import CalendarParameterError, parse_filters
from classroom.models import CoursePage, EventPage, ScheduleException, ScheduleRule
from classroom.occurrences import courses_for, events_for

PRODID = "-//Shiliu//Red Pomegranate Classroom//ZH"
EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
#: Past events kept in the whole-calendar feed; courses are sent as rules, whatever their length.
PAST_EVENT_DAYS = 90
MAX_FEED_PAGES = 1000


def clean(text: str) -> str:
    return recurrence.strip_control_characters(str(text or "")).strip()


def sequence(page) -> int:
    """A number that grows with every publication of the page."""
    moment = page.last_published_at or page.latest_revision_created_at
    if moment is None:
        return 0
    return max(int((moment - EPOCH).total_seconds() // 60), 0)


def language_tag(page) -> str:
    return page.locale.language_code


def rule_uid(course: CoursePage, rule: ScheduleRule) -> str:
    return f"course-{course.translation_key}-rule-{rule.uid}-{language_tag(course)}@shiliu"


def event_uid(event: EventPage) -> str:
    return f"event-{event.translation_key}-{language_tag(event)}@shiliu"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean(name))
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    return calendar


def location(page, venue: str = "") -> str:
    parts = [venue or page.venue, page.address]
    if not any(parts) and page.place_id:
        parts = [page.place.name]
    return clean("，".join(part for part in parts if part))


def describe(page, teacher: str = "") -> str:
    lines = [page.summary]
    teacher = teacher or getattr(page, "teachers", "")
    if teacher:
        lines.append(f"{gettext('Teachers')}: {teacher}")
    if page.contact_phone:
        lines.append(f"{gettext('Contact phone')}: {page.contact_phone}")
    if page.sign_up_required:
        lines.append(gettext("Sign-up needed"))
    return clean("\n".join(line for line in lines if line))


def base_event(page, uid: str, request) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("sequence", sequence(page))
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    event.add("summary", clean(page.title))
    description = describe(page)
    if description:
        event.add("description", description)
    place = location(page)
    if place:
        event.add("location", place)
    url = page.get_full_url(request)
    if url:
        event.add("url", url)
    return event


def rule_properties(rule: ScheduleRule) -> tuple[list, list, list]:
    """The RRULE values, RDATE times and EXDATE times of a rule, ready for icalendar."""
    rrules, rdates, exdates = [], [], []
    for line in recurrence.normalise_rule_text(rule.rrule).split("\n"):
        if not line:
            continue
        name, _separator, value = line.partition(":")
        name = name.split(";")[0]
        if name == "RRULE":
            recur = vRecur.from_ical(value)
            until = recur.get("UNTIL")
            if until:
                until = until[0]
                if not isinstance(until, datetime.datetime):
                    until = datetime.datetime.combine(until, datetime.time(23, 59, 59))
                recur["UNTIL"] = [recurrence.zoned(until.replace(tzinfo=None)).astimezone(datetime.UTC)]
            rrules.append(recur)
        else:
            moments = []
            for part in value.split(","):
                moment = vDDDTypes.from_ical(part)
                if not isinstance(moment, datetime.datetime):
                    moment = datetime.datetime.combine(moment, rule.start_time)
                moments.append(recurrence.zoned(moment.replace(tzinfo=None)))
            (rdates if name == "RDATE" else exdates).append(moments)
    return rrules, rdates, exdates


def course_events(course: CoursePage, request) -> list[Event]:
    """A VEVENT per schedule rule, and one per changed, moved or cancelled session."""
    events = []
    exceptions = list(course.schedule_exceptions.all())
    for rule in course.schedule_rules.all():
        uid = rule_uid(course, rule)
        master = base_event(course, uid, request)
        recurring = bool(recurrence.normalise_rule_text(rule.rrule))
        start = recurrence.zoned(rule.dtstart)
        master.add("dtstart", start)
        master.add("dtend", start + rule.duration)
        master.add("status", "CONFIRMED")
        overrides = []
        for exception in exceptions:
            planned = recurrence.occurs_on(rule.rrule, rule.dtstart, exception.date)
            if planned is None:
                continue
            if not recurring:
                target = master  # a one-off session is changed in place
            else:
                target = base_event(course, uid, request)
                target.add("recurrence-id", recurrence.zoned(planned))
                overrides.append(target)
            cancelled = exception.action == ScheduleException.Action.CANCEL
            new_start = planned
            if not cancelled:
                new_start = datetime.datetime.combine(
                    exception.new_date or exception.date, exception.new_start_time or planned.time()
                )
            new_end = (
                datetime.datetime.combine(new_start.date(), exception.new_end_time)
                if exception.new_end_time and not cancelled
                else new_start + rule.duration
            )
            for name in ("dtstart", "dtend", "status", "location", "description"):
                target.pop(name, None)
            target.add("dtstart", recurrence.zoned(new_start))
            target.add("dtend", recurrence.zoned(max(new_end, new_start)))
            target.add("status", "CANCELLED" if cancelled else "CONFIRMED")
            place = location(course, exception.venue)
            if place:
                target.add("location", place)
            description = describe(course, exception.teacher)
            if exception.note:
                description = clean(f"{exception.note}\n{description}")
            if description:
                target.add("description", description)
        if recurring:
            rrules, rdates, exdates = rule_properties(rule)
            for recur in rrules:
                master.add("rrule", recur)
            for moments in rdates:
                master.add("rdate", moments)
            for moments in exdates:
                master.add("exdate", moments)
        events.append(master)
        events.extend(overrides)
    return events


def event_component(page: EventPage, request) -> Event:
    event = base_event(page, event_uid(page), request)
    start, end = page.start_end()
    if isinstance(start, datetime.datetime):
        event.add("dtstart", recurrence.zoned(start))
        event.add("dtend", recurrence.zoned(end))
    else:
        event.add("dtstart", start)
        event.add("dtend", end)
    event.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
    if page.campaign_id:
        event.add("categories", [clean(page.campaign.title)])
    return event


def response(calendar: Calendar, filename: str, download: bool = False) -> HttpResponse:
    calendar.add_missing_timezones()
    answer = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    answer["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return answer


def calendar_feed(index, request, filters) -> Calendar:
    """The whole calendar under ``index`` (or the part ``filters`` choose) as one iCalendar."""
    calendar = new_calendar(index.title)
    for course in courses_for(index, filters)[:MAX_FEED_PAGES]:
        for component in course_events(course, request):
            calendar.add_component(component)
    since = timezone.localdate() - datetime.timedelta(days=PAST_EVENT_DAYS)
    for event in events_for(index, filters).filter(end_date__gte=since).select_related("campaign")[:MAX_FEED_PAGES]:
        calendar.add_component(event_component(event, request))
    return calendar


def calendar_feed_response(index, request) -> HttpResponse:
    try:
        _form, filters = parse_filters(request.GET, Locale.get_active())
    except CalendarParameterError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return response(calendar_feed(index, request, filters), "calendar.ics")


def course_feed_response(course: CoursePage, request) -> HttpResponse:
    calendar = new_calendar(course.title)
    for component in course_events(course, request):
        calendar.add_component(component)
    return response(calendar, f"course-{course.pk}.ics")


def event_feed_response(event: EventPage, request) -> HttpResponse:
    calendar = new_calendar(event.title)
    calendar.add_component(event_component(event, request))
    return response(calendar, f"event-{event.pk}.ics", download=True)


def webcal(url: str) -> str:
    """The webcal: address calendar apps subscribe to, for an http(s) feed URL."""
    return re.sub(r"^https?://", "webcal://", url)
