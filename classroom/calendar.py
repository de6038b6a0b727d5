"""Context for the calendar (agenda, week, month) and for course and event pages."""

from __future__ import annotations

import calendar as std_calendar
import dataclasses
import datetime
import json

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classroom import occurrences as service
from classroom.forms import CalendarFilterForm, CalendarParameterError, bound_filter_form, parse_date, parse_filters
from classroom.ical import webcal
from classroom.models import CoursePage, EventPage
from core.i18n import reader_url
from core.translation import active_locale

VIEWS = ("agenda", "week", "month")
AGENDA_DAYS = 28
AGENDA_LIMIT = 300
#: Sessions listed in a day of the month grid and of the week; the rest are a link to that day.
SHOWN_PER_DAY = {"month": 3, "week": 20}


class CalendarRequestError(Exception):
    """Bad calendar parameters: the calendar is shown empty, with the message, as a 400."""

    def __init__(self, message, form: CalendarFilterForm):
        super().__init__(str(message))
        self.message, self.form = message, form

    def context(self) -> dict:
        return {"filter_form": self.form, "error": self.message, "view": "agenda", "days": [], "weeks": []}


@dataclasses.dataclass
class Day:
    """One day of the calendar and what happens on it."""

    date: datetime.date
    occurrences: list  # entries (classroom.occurrences.Entry): counted, not all shown
    is_today: bool = False
    in_month: bool = True
    shown: list = dataclasses.field(default_factory=list)
    more: int = 0
    more_link: str = ""

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()


def group_by_day(found: list, first: datetime.date, last: datetime.date) -> dict[datetime.date, list]:
    """Entries (see :data:`classroom.occurrences.Entry`) by each local date in [first, last] they cover."""
    days: dict[datetime.date, list] = {}
    for entry in found:
        for day in service.entry_days(entry):
            if first <= day <= last:
                days.setdefault(day, []).append(entry)
    return days


def period(view: str, anchor: datetime.date) -> tuple[datetime.date, datetime.date, datetime.date, datetime.date]:
    """First and last day shown, and the anchors of the previous and next period."""
    if view == "month":
        weeks = std_calendar.Calendar(firstweekday=0).monthdatescalendar(anchor.year, anchor.month)
        month_start = anchor.replace(day=1)
        previous = (month_start - datetime.timedelta(days=1)).replace(day=1)
        following = (month_start + datetime.timedelta(days=32)).replace(day=1)
        return weeks[0][0], weeks[-1][-1], previous, following
    if view == "week":
        monday = anchor - datetime.timedelta(days=anchor.weekday())
        week = datetime.timedelta(days=7)
        return monday, monday + datetime.timedelta(days=6), monday - week, monday + week
    last = anchor + datetime.timedelta(days=AGENDA_DAYS - 1)
    return anchor, last, anchor - datetime.timedelta(days=AGENDA_DAYS), last + datetime.timedelta(days=1)


def link(query: QueryDict, **changes) -> str:
    """The calendar's query string with ``changes`` applied (None removes a parameter)."""
    query = query.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = str(value)
    return "?" + query.urlencode() if query else "?"


def calendar_context(index, request) -> dict:
    """Everything the calendar template shows for ``request``'s parameters.

    Raises:
        CalendarRequestError: for a bad date, view or filter (the page answers 400).
    """
    locale = active_locale()
    query = request.GET
    try:
        form, filters = parse_filters(query, locale)
        view = query.get("view") or "agenda"
        if view not in VIEWS:
            raise CalendarParameterError(_("Choose the agenda, the week or the month."))
        today = timezone.localdate()
        anchor = parse_date(query["date"]) if query.get("date") is not None else today
    except CalendarParameterError as error:
        raise CalendarRequestError(error, bound_filter_form(QueryDict(), locale)) from error
    first, last, previous, following = period(view, anchor)
    limit = AGENDA_LIMIT if view == "agenda" else service.MAX_OCCURRENCES
    found, truncated = service.find_entries(index, first, last, filters, limit=limit)
    by_day = group_by_day(found, first, last)
    kept = {name: query[name] for name in (*CalendarFilterForm.FIELDS, "view") if query.get(name)}
    base = QueryDict(mutable=True)
    base.update(kept)
    context = {
        "filter_form": form,
        "view": view,
        "anchor": anchor,
        "first_day": first,
        "last_day": last,
        "truncated": truncated,
        "occurrence_count": len(found),
        "previous_link": link(base, date=previous.isoformat()),
        "next_link": link(base, date=following.isoformat()),
        "today_link": link(base, date=None),
        "view_links": [
            {"label": label, "url": link(base, view=name, date=anchor.isoformat()), "current": name == view}
            for name, label in (("agenda", _("List")), ("week", _("Week")), ("month", _("Month")))
        ],
    }
    feed_query = link(base, view=None)[1:]
    context["feed_url"] = feed_url(index, request, feed_query)
    context["webcal_url"] = webcal(context["feed_url"])
    if view == "month":
        days = [
            Day(first + datetime.timedelta(days=n), by_day.get(first + datetime.timedelta(days=n), []))
            for n in range((last - first).days + 1)
        ]
        for day in days:
            day.is_today = day.date == today
            day.in_month = day.date.month == anchor.month
        shorten(days, SHOWN_PER_DAY["month"], base)
        context["weeks"] = [days[n : n + 7] for n in range(0, len(days), 7)]
        context["weekday_names"] = [day.date for day in days[:7]]
    else:
        days = [Day(day, items, is_today=day == today) for day, items in sorted(by_day.items())]
        shorten(days, SHOWN_PER_DAY.get(view, limit), base)
        context["days"] = days
    add_urls(days, request)
    return context


def add_urls(days, request) -> None:
    """Fill the URL of the occurrences shown (not of those only counted), once per page."""
    urls: dict[int, str] = {}
    for day in days:
        for occurrence in day.shown:
            page = occurrence.page
            if page.pk not in urls:
                urls[page.pk] = reader_url(page, request) or ""
            occurrence.url = urls[page.pk]


def shorten(days: list[Day], shown: int, base: QueryDict) -> None:
    """Make the first ``shown`` entries of a day occurrences; the rest become a link to that day's agenda."""
    for day in days:
        day.shown = [service.occurrence_of(entry) for entry in day.occurrences[:shown]]
        day.more = len(day.occurrences) - len(day.shown)
        if day.more:
            day.more_link = link(base, view=None, date=day.date.isoformat())


def feed_url(page, request, query: str = "") -> str:
    """The absolute address of a page's iCalendar route, with the filters' query string."""
    url = request.build_absolute_uri(page.url + page.reverse_subpage("ical"))
    return f"{url}?{query}" if query else url


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json">, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def event_json_ld(page, request, occurrences: list) -> str:
    """schema.org Event data for a course (its next sessions) or an event."""
    location = {
        "@type": "Place",
        "name": page.venue or (page.place.name if page.place else ""),
        "address": page.address or (page.place.name if page.place else ""),
    }
    base = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "location": location,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": page.locale.language_code,
        "isAccessibleForFree": True,
    }
    if not occurrences:
        return json_ld(base)
    items = []
    for occurrence in occurrences:
        item = dict(base)
        item["startDate"] = occurrence.start.date().isoformat() if occurrence.all_day else occurrence.start.isoformat()
        item["endDate"] = (
            (occurrence.end - datetime.timedelta(days=1)).date().isoformat()
            if occurrence.all_day
            else occurrence.end.isoformat()
        )
        item["eventStatus"] = (
            "https://schema.org/EventCancelled"
            if occurrence.cancelled
            else "https://schema.org/EventRescheduled"
            if occurrence.moved
            else "https://schema.org/EventScheduled"
        )
        items.append(item)
    return json_ld(items[0] if len(items) == 1 else items)


def course_context(course: CoursePage, request) -> dict:
    """A course page: its coming sessions (cancellations struck through) and JSON-LD."""
    coming = service.next_occurrences(course, timezone.localdate(), 20)
    url = feed_url(course, request)
    return {
        "occurrences": coming,
        "json_ld": event_json_ld(course, request, coming[:10]),
        "feed_url": url,
        "webcal_url": webcal(url),
    }


def event_context(event: EventPage, request) -> dict:
    """An event page: its occurrence and JSON-LD."""
    occurrence = service.event_occurrence(event)
    return {
        "occurrence": occurrence,
        "json_ld": event_json_ld(event, request, [occurrence]),
        "feed_url": feed_url(event, request),
    }
