"""The calendar's parameters: filters residents choose, plus the view and the date.

One parser for the calendar, its feeds and the JSON API, so that every path refuses the
same bad input the same way (a 400, never a 500). Unknown parameters are ignored (WeChat
adds its own to shared links); a known parameter given twice is refused.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from classroom.fields import Audience
from classroom.occurrences import MAX_RANGE_DAYS, Filters
from classroom.recurrence import CONTROL_CHARACTERS
from core.translation import localized_snippets
from stories.forms import tree_order
from stories.models import Place

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)
MAX_TEXT = 100


class CalendarParameterError(ValueError):
    """A parameter the calendar cannot use; the message is for the reader."""


def parse_date(value: str) -> datetime.date:
    """An ISO date (ASCII digits only) between 2000 and 2100, or CalendarParameterError."""
    if not ISO_DATE.fullmatch(value):
        raise CalendarParameterError(_("Write dates as YYYY-MM-DD, for example 2026-05-13."))
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CalendarParameterError(_("This date does not exist.")) from error
    if not EARLIEST <= day <= LATEST:
        raise CalendarParameterError(_("The calendar covers the years 2000 to 2100."))
    return day


class CalendarFilterForm(forms.Form):
    """Place (with everything below it), audience, kind and free text."""

    KIND_CHOICES = [
        ("course", _("Course sessions")),
        ("event", _("Events")),
        ("campaign", _("Campaign activities")),
    ]
    FIELDS = ("place", "audience", "kind", "q")

    place = forms.ChoiceField(label=_("Place"), required=False)
    audience = forms.ChoiceField(label=_("For"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    q = forms.CharField(label=_("Words"), required=False, max_length=MAX_TEXT, strip=True)

    def __init__(self, *args, locale: Locale, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.places = {str(place.pk): place for place in tree_order(localized_snippets(Place, locale))}
        self.fields["place"].choices = everything + [
            (pk, "\u3000" * (place.level - 1) + place.name) for pk, place in self.places.items()
        ]
        self.fields["audience"].choices = everything + list(Audience.choices)
        self.fields["kind"].choices = everything + self.KIND_CHOICES

    def clean_q(self) -> str:
        text = CONTROL_CHARACTERS.sub("", self.cleaned_data.get("q") or "")
        return " ".join(text.split())

    def filters(self) -> Filters:
        """The valid filters as :class:`Filters` (call after ``is_valid()``)."""
        data = self.cleaned_data
        place = self.places.get(data.get("place") or "")
        return Filters(
            place_keys=frozenset(Place.objects.subtree_translation_keys(place)) if place else None,
            audience=data.get("audience") or "",
            kind=data.get("kind") or "",
            text=data.get("q") or "",
        )


def refuse_repeated(query, names) -> None:
    """CalendarParameterError when a known parameter is given more than once."""
    for name in names:
        if len(query.getlist(name)) > 1:
            raise CalendarParameterError(_("Each filter can be given only once."))


def bound_filter_form(query, locale: Locale) -> CalendarFilterForm:
    """The filter form bound to ``query`` (unbound when no filter is given)."""
    data = {name: query.get(name) for name in CalendarFilterForm.FIELDS if name in query}
    return CalendarFilterForm(data or None, locale=locale)


def parse_filters(query, locale: Locale) -> tuple[CalendarFilterForm, Filters]:
    """The filter form and its filters, or CalendarParameterError for any bad value."""
    refuse_repeated(query, (*CalendarFilterForm.FIELDS, "view", "date", "start", "end"))
    form = bound_filter_form(query, locale)
    if form.is_bound and not form.is_valid():
        raise CalendarParameterError(_("Some filters were not recognised."))
    return form, (form.filters() if form.is_bound else Filters())


def parse_range(query, default_start: datetime.date, default_days: int) -> tuple[datetime.date, datetime.date]:
    """``start`` and ``end`` (both included) from the query; at most MAX_RANGE_DAYS days, in order."""
    start = parse_date(query["start"]) if query.get("start") is not None else default_start
    end = parse_date(query["end"]) if query.get("end") is not None else start + datetime.timedelta(days=default_days)
    if end < start:
        raise CalendarParameterError(_("The end of the range is before its start."))
    if (end - start).days >= MAX_RANGE_DAYS:
        raise CalendarParameterError(_("Ask for at most one year at a time."))
    return start, end
