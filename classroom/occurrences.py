"""Sessions and events of a date range: every course's rules and exceptions expanded, events added.

The work is bounded whatever the content: a range is at most :data:`MAX_RANGE_DAYS` long, a
rule without an end is walked only up to the end of the range, and no expansion returns
more than :data:`MAX_OCCURRENCES`. Courses come with their rules and exceptions prefetched,
so the queries do not grow with the number of sessions.
"""

from __future__ import annotations

import dataclasses
import datetime
import operator
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from classroom import recurrence
from classroom.fields import AudienceField
from classroom.models import CoursePage, EventPage, ScheduleException, ScheduleRule
from core.i18n import below_in_reader_language

MAX_RANGE_DAYS = 366
MAX_OCCURRENCES = 10_000
#: How long a course's sessions for a range stay in Django's cache. Publishing changes the key
#: (see :func:`cache_key`), so this only bounds the memory kept for old keys.
CACHE_SECONDS = 24 * 60 * 60
KINDS = ("course", "event", "campaign")


@dataclasses.dataclass(slots=True)
class Occurrence:
    """One session of a course or one event, at its (possibly moved) time in Asia/Shanghai."""

    page: CoursePage | EventPage
    kind: str  # "course", "event" or "campaign"
    start: datetime.datetime  # aware; midnight for all-day events
    end: datetime.datetime
    all_day: bool = False
    cancelled: bool = False
    moved: bool = False
    changed: bool = False
    venue: str = ""
    teacher: str = ""
    note: str = ""
    rule: ScheduleRule | None = None
    #: The planned start (naive local) of a moved or changed session: its RECURRENCE-ID.
    original_start: datetime.datetime | None = None
    #: The page's URL, filled once per page by the calendar (not a query per session).
    url: str = ""

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()

    @property
    def start_date(self) -> datetime.date:
        return self.start.date()  # start and end are at Shanghai's offset already

    def days(self) -> list[datetime.date]:
        """The local dates the occurrence covers (several for a multi-day event)."""
        return covered_days(self.start, self.end)


def covered_days(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    """The dates from ``start`` to just before ``end`` (both local, both naive or both aware)."""
    first = start.date()
    if end.date() == first:  # the common case: a session within one day
        return [first]
    last = (end - datetime.timedelta(microseconds=1)).date()
    if last <= first:
        return [first]
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


#: A found session before it becomes an :class:`Occurrence`: (naive local start, page title,
#: naive local end, page, payload), where the payload is a cached row (see
#: :func:`cached_sessions`) or, for an event, its Occurrence. A busy month has thousands of
#: sessions and a page shows a few hundred, so only those shown are made into objects.
Entry = tuple
ENTRY_ORDER = operator.itemgetter(0, 1)


@dataclasses.dataclass(frozen=True)
class Filters:
    """What residents filter the calendar by; None or "" means everything."""

    place_keys: frozenset | None = None
    audience: str = ""
    kind: str = ""
    text: str = ""


def local_range(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Naive local datetimes of [start, end] as a half-open range, capped at MAX_RANGE_DAYS."""
    end = min(end, start + datetime.timedelta(days=MAX_RANGE_DAYS - 1))
    return (
        datetime.datetime.combine(start, datetime.time.min),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min),
    )


def course_occurrences(
    course: CoursePage,
    start: datetime.datetime,
    end: datetime.datetime,
    limit: int = MAX_OCCURRENCES,
) -> list[Occurrence]:
    """Sessions of ``course`` starting in [start, end) (naive local), exceptions applied.

    Cancelled sessions are kept and flagged; moved and changed ones are at their new time
    (and included when that time, not the planned one, is in the range). Reads
    ``course.schedule_rules.all()`` and ``schedule_exceptions.all()``, so prefetch them.
    """
    rules = list(course.schedule_rules.all())
    exceptions = {exception.date: exception for exception in course.schedule_exceptions.all()}
    found: list[Occurrence] = []
    venue, teacher = course.venue, course.teachers  # read once per course, shared by its sessions
    for rule in rules:
        for moment, aware_start, aware_end in recurrence.sessions(
            rule.rrule, rule.dtstart, rule.duration, start, end, limit
        ):
            exception = exceptions.get(moment.date()) if exceptions else None
            if exception is None:
                found.append(
                    Occurrence(course, "course", aware_start, aware_end, venue=venue, teacher=teacher, rule=rule)
                )
                continue
            if exception.action != ScheduleException.Action.CANCEL:
                continue  # placed at its new time below
            found.append(
                Occurrence(
                    course,
                    "course",
                    aware_start,
                    aware_end,
                    cancelled=True,
                    venue=venue,
                    teacher=teacher,
                    note=exception.note,
                    rule=rule,
                )
            )
    for exception in exceptions.values():
        if exception.action == ScheduleException.Action.CANCEL:
            continue
        for rule in rules:
            planned = recurrence.occurs_on(rule.rrule, rule.dtstart, exception.date)
            if planned is None:
                continue
            new_start = datetime.datetime.combine(
                exception.new_date or exception.date, exception.new_start_time or planned.time()
            )
            if exception.new_end_time:
                new_end = datetime.datetime.combine(new_start.date(), exception.new_end_time)
            else:
                new_end = new_start + rule.duration
            if start <= new_start < end:
                found.append(
                    Occurrence(
                        page=course,
                        kind="course",
                        start=recurrence.aware(new_start),
                        end=recurrence.aware(max(new_end, new_start)),
                        moved=new_start != planned,
                        changed=True,
                        venue=exception.venue or course.venue,
                        teacher=exception.teacher or course.teachers,
                        note=exception.note,
                        rule=rule,
                        original_start=planned,
                    )
                )
    found.sort(key=lambda occurrence: occurrence.start)
    return found[:limit]


def event_occurrence(event: EventPage) -> Occurrence:
    """The one occurrence of an event."""
    start, end = event.start_end()
    all_day = not isinstance(start, datetime.datetime)
    if all_day:
        start = datetime.datetime.combine(start, datetime.time.min)
        end = datetime.datetime.combine(end, datetime.time.min)
    return Occurrence(
        page=event,
        kind=event.kind,
        start=recurrence.aware(start),
        end=recurrence.aware(end),
        all_day=all_day,
        cancelled=event.cancelled,
        venue=event.venue,
    )


def next_occurrences(page, today: datetime.date, count: int = 10) -> list[Occurrence]:
    """The next ``count`` occurrences of a course or event from ``today``, within a year."""
    start, end = local_range(today, today + datetime.timedelta(days=MAX_RANGE_DAYS - 1))
    if isinstance(page, CoursePage):
        return course_occurrences(page, start, end, limit=count * 2)[:count]
    if isinstance(page, EventPage) and page.start_date and page.end_date:
        occurrence = event_occurrence(page)
        return [occurrence] if occurrence.end > recurrence.aware(start) else []
    return []


def text_filter(text: str, fields: Iterable[str]) -> Q:
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__icontains": text})
    return query


def filter_pages(pages, filters: Filters, text_fields: Iterable[str]):
    """``pages`` (courses or events) narrowed by place, audience and free text."""
    if filters.place_keys is not None:
        pages = pages.filter(place__translation_key__in=filters.place_keys)
    if filters.audience:
        pages = pages.filter(audiences__contains=AudienceField.lookup(filters.audience))
    if filters.text:
        pages = pages.filter(text_filter(filters.text, text_fields))
    return pages


#: What the calendar reads of each course (its URL, language, place, cache key and sessions):
#: a busy month loads hundreds of courses, and their descriptions are never shown there.
CALENDAR_COURSE_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale",
    "translation_key",
    "alias_of",
    "live",
    "latest_revision",
    "last_published_at",
    "place",
    "venue",
    "teachers",
)
COURSE_TEXT_FIELDS = ("title", "summary", "venue", "address", "teachers")
EVENT_TEXT_FIELDS = ("title", "summary", "venue", "address")


def courses_for(parent, filters: Filters = Filters()):
    """Live, public courses below ``parent`` matching ``filters``, rules and exceptions prefetched."""
    if filters.kind not in ("", "course"):
        return CoursePage.objects.none()
    courses = below_in_reader_language(CoursePage.objects.live().public(), parent, descendants=True)
    return (
        filter_pages(courses, filters, COURSE_TEXT_FIELDS)
        .select_related("place", "locale")
        .prefetch_related("schedule_rules", "schedule_exceptions")
        .order_by("path")
    )


def events_for(parent, filters: Filters = Filters()):
    """Live, public events below ``parent`` matching ``filters`` (the kind picks campaign activities)."""
    if filters.kind == "course":
        return EventPage.objects.none()
    events = below_in_reader_language(EventPage.objects.live().public(), parent, descendants=True)
    if filters.kind == "event":
        events = events.filter(campaign__isnull=True)
    elif filters.kind == "campaign":
        events = events.filter(campaign__isnull=False)
    return filter_pages(events, filters, EVENT_TEXT_FIELDS).select_related("place", "locale").order_by("start_date")


def find_occurrences(
    parent,
    first_day: datetime.date,
    last_day: datetime.date,
    filters: Filters = Filters(),
    limit: int = MAX_OCCURRENCES,
) -> tuple[list[Occurrence], bool]:
    """Occurrences below ``parent`` on the days ``first_day`` to ``last_day``, soonest first.

    Args:
        parent: the calendar page (or any page) whose descendants are searched.
        first_day, last_day: local dates, both included; the range is capped at a year.
        filters: place, audience, kind and free text.
        limit: at most this many occurrences are returned.
    Returns:
        The occurrences and whether the limit cut the list short. Costs one query for courses,
        two more (rules, exceptions) when some course's sessions are not cached yet, and one
        for events, however many sessions there are. Sessions read from the cache have no
        ``rule`` (see :func:`cached_sessions`).
    """
    entries, truncated = find_entries(parent, first_day, last_day, filters, limit)
    return [occurrence_of(entry) for entry in entries], truncated


def find_entries(
    parent,
    first_day: datetime.date,
    last_day: datetime.date,
    filters: Filters = Filters(),
    limit: int = MAX_OCCURRENCES,
) -> tuple[list[Entry], bool]:
    """Like :func:`find_occurrences`, as :data:`Entry` tuples: turn those shown into objects
    with :func:`occurrence_of`. Same order, limit and queries."""
    if last_day < first_day:
        return [], False
    start, end = local_range(first_day, last_day)
    found: list[Entry] = []
    courses = list(
        courses_for(parent, filters)
        .prefetch_related(None)
        .filter(schedule_rules__start_date__lt=end.date())
        .distinct()
        .only(*CALENDAR_COURSE_FIELDS)
    )
    for course, rows in cached_sessions(courses, start, end, limit + 1):
        title = course.title
        found.extend((row[0], title, row[1], course, row) for row in rows)
        if len(found) > limit:
            break
    events = events_for(parent, filters).filter(start_date__lt=end.date(), end_date__gte=start.date())
    for event in events[: limit + 1]:
        occurrence = event_occurrence(event)
        found.append((naive(occurrence.start), event.title, naive(occurrence.end), event, occurrence))
    found.sort(key=ENTRY_ORDER)
    return found[:limit], len(found) > limit


def occurrence_of(entry: Entry) -> Occurrence:
    """The Occurrence of an :data:`Entry` (a new object for a course session each call)."""
    begin, _title, finish, page, payload = entry
    if isinstance(payload, Occurrence):
        return payload
    # Naive rows get the fixed +08:00 offset: a zone unpickled with each cached row would be a
    # different object, and comparing times with different zones is many times slower.
    zone = recurrence.SHANGHAI_OFFSET
    return Occurrence(page, "course", begin.replace(tzinfo=zone), finish.replace(tzinfo=zone), False, *payload[2:])


def entry_days(entry: Entry) -> list[datetime.date]:
    """The local dates an :data:`Entry` covers."""
    return covered_days(entry[0], entry[2])


def cache_key(course: CoursePage, start: datetime.datetime, end: datetime.datetime, limit: int) -> str:
    """The cache key of a course's sessions in [start, end): they depend only on its live version.

    Publishing a course sets ``last_published_at`` and a new ``latest_revision``, so the next
    request misses and expands the published rules; an unpublished course is no longer listed.
    """
    published = course.last_published_at.timestamp() if course.last_published_at else ""
    return (
        f"classroom:sessions:1:{course.pk}:{course.latest_revision_id or ''}:{published}"
        f":{start:%Y%m%d%H%M}:{end:%Y%m%d%H%M}:{limit}"
    )


def cached_sessions(courses: list[CoursePage], start: datetime.datetime, end: datetime.datetime, limit: int):
    """Each course with its sessions in [start, end) as plain rows, from Django's cache when there.

    A row is (naive start, naive end, cancelled, moved, changed, venue, teacher, note, rule, original_start)
    with ``rule`` left None: rows are shared between requests and processes, so they hold no
    model instances. Courses missing from the cache get their rules and exceptions in two
    queries, whatever their number, and are expanded and stored.
    """
    keys = {course.pk: cache_key(course, start, end, limit) for course in courses}
    rows = cache.get_many(keys.values())
    missing = [course for course in courses if keys[course.pk] not in rows]
    if missing:
        prefetch_related_objects(missing, "schedule_rules", "schedule_exceptions")
        fresh = {
            keys[course.pk]: tuple(
                (
                    naive(o.start),
                    naive(o.end),
                    o.cancelled,
                    o.moved,
                    o.changed,
                    o.venue,
                    o.teacher,
                    o.note,
                    None,
                    o.original_start,
                )
                for o in course_occurrences(course, start, end, limit)
            )
            for course in missing
        }
        cache.set_many(fresh, CACHE_SECONDS)
        rows.update(fresh)
    return [(course, rows[keys[course.pk]]) for course in courses]


def naive(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(tzinfo=None)
