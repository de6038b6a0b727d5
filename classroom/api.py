"""Occurrences of a date range as JSON, for the WeChat mini-program.

``GET /api/classroom/occurrences/`` with

- ``locale``: ``zh-hans`` (default) or ``mn-mong``;
- ``start``, ``end``: ISO dates (``2026-05-01``), both included; default today and four
  weeks on; at most a year; ASCII digits only;
- ``place`` (a place id, with every place below it), ``audience`` (``children``, ``youth``,
  ``adults``, ``seniors``, ``school-classes``), ``kind`` (``course``, ``event``, ``campaign``)
  and ``q`` (words, up to 100 characters), each at most once.

Answers ``{"start", "end", "count", "truncated", "occurrences": [...]}``, each occurrence with
``title``, ``kind``, ``start``, ``end`` (ISO 8601 with +08:00), ``all_day``, ``cancelled``,
``moved``, ``venue``, ``teacher``, ``place``, ``url``; a bad parameter answers 400 with
``{"error": message}``.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Site

from classroom.forms import CalendarParameterError, parse_filters, parse_range
from classroom.models import EventIndexPage
from classroom.occurrences import find_occurrences

DEFAULT_DAYS = 27
API_LIMIT = 2000


def occurrence_data(occurrence, request) -> dict:
    page = occurrence.page
    return {
        "title": page.title,
        "kind": occurrence.kind,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "all_day": occurrence.all_day,
        "cancelled": occurrence.cancelled,
        "moved": occurrence.moved,
        "venue": occurrence.venue,
        "teacher": occurrence.teacher,
        "place": page.place.name if page.place_id else "",
        "url": page.get_full_url(request),
    }


@require_GET
def occurrences_json(request):
    """The occurrences of every calendar of the request's site in one language (see the module)."""
    code = request.GET.get("locale") or "zh-hans"
    locale = Locale.objects.filter(language_code=code).first() if len(request.GET.getlist("locale")) < 2 else None
    if locale is None:
        return JsonResponse({"error": "Unknown locale."}, status=400)
    with translation.override(code):
        try:
            _form, filters = parse_filters(request.GET, locale)
            start, end = parse_range(request.GET, timezone.localdate(), DEFAULT_DAYS)
        except CalendarParameterError as error:
            return JsonResponse({"error": str(error)}, status=400)
        site = Site.find_for_request(request)
        indexes = EventIndexPage.objects.live().public().filter(locale=locale)
        if site is not None:
            indexes = indexes.descendant_of(site.root_page.localized, inclusive=True)
        found, truncated = [], False
        for index in indexes:
            items, cut = find_occurrences(index, start, end, filters, limit=API_LIMIT)
            found.extend(items)
            truncated = truncated or cut
        found.sort(key=lambda occurrence: occurrence.start)
        return JsonResponse(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "count": min(len(found), API_LIMIT),
                "truncated": truncated or len(found) > API_LIMIT,
                "occurrences": [occurrence_data(item, request) for item in found[:API_LIMIT]],
            },
            json_dumps_params={"ensure_ascii": False},
        )
