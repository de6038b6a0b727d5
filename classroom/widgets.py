"""The schedule rule builder: editors choose how sessions repeat instead of writing RFC 5545.

The stored value stays the RFC 5545 text read by :mod:`classroom.recurrence`; the widget
only builds it from a few choices (once, every week, every two weeks, monthly on the n-th
weekday, with weekdays and an end date) and reads a stored rule back into them. A rule the
choices cannot express (RDATE or EXDATE lines, BYMONTHDAY, COUNT...) is shown as "another
rule" with its text, so nothing an editor wrote is lost or rewritten. Validation stays in
``ScheduleRule.clean`` (one rule in one place): a value built from hostile input is refused
there with the rule's message.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from classroom.recurrence import normalise_rule_text

#: RFC 5545 weekday codes, Monday first (section 3.3.10, BYDAY).
WEEKDAYS = (
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
)
WEEKDAY_CODES = {code for code, _label in WEEKDAYS}
PATTERNS = (
    ("once", _("Once, on the first date")),
    ("weekly", _("Every week")),
    ("fortnightly", _("Every two weeks")),
    ("monthly", _("Every month, on one weekday")),
    ("custom", _("Another rule (RFC 5545 text)")),
)
ORDINALS = (
    ("1", pgettext_lazy("week of the month", "first")),
    ("2", pgettext_lazy("week of the month", "second")),
    ("3", pgettext_lazy("week of the month", "third")),
    ("4", pgettext_lazy("week of the month", "fourth")),
    ("-1", pgettext_lazy("week of the month", "last")),
)
UNTIL = re.compile(r"([0-9]{8})(?:T235959)?")
NTH_WEEKDAY = re.compile(r"(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)")


def read_rule(text: str) -> dict:
    """The builder's choices for a stored rule: a dict with ``pattern``, ``weekdays`` (codes),
    ``ordinal``, ``weekday``, ``until`` (a date or None) and ``text`` (the rule itself, used
    when the pattern is "custom")."""
    text = normalise_rule_text(text)
    choices = {"pattern": "custom", "weekdays": [], "ordinal": "2", "weekday": "SA", "until": None, "text": text}
    if not text:
        choices["pattern"] = "once"
        return choices
    if "\n" in text or not text.startswith("RRULE:"):
        return choices
    parts = {}
    for part in text.removeprefix("RRULE:").split(";"):
        name, _sep, value = part.partition("=")
        if not value or name in parts:
            return choices
        parts[name] = value
    if "UNTIL" in parts:
        match = UNTIL.fullmatch(parts.pop("UNTIL"))
        if not match:
            return choices
        try:
            until = datetime.datetime.strptime(match.group(1), "%Y%m%d").date()
        except ValueError:
            return choices
    else:
        until = None
    frequency, interval, days = parts.pop("FREQ", ""), parts.pop("INTERVAL", "1"), parts.pop("BYDAY", "")
    if parts:  # BYMONTHDAY, COUNT, WKST...: only the text says it right
        return choices
    if frequency == "WEEKLY" and interval in ("1", "2"):
        weekdays = days.split(",") if days else []
        if not set(weekdays) <= WEEKDAY_CODES:
            return choices
        choices.update(pattern="weekly" if interval == "1" else "fortnightly", weekdays=weekdays, until=until)
    elif frequency == "MONTHLY" and interval == "1" and (match := NTH_WEEKDAY.fullmatch(days)):
        choices.update(pattern="monthly", ordinal=match.group(1), weekday=match.group(2), until=until)
    return choices


def build_rule(pattern: str, weekdays: list[str], ordinal: str, weekday: str, until: str, text: str) -> str:
    """The RFC 5545 text for the builder's choices (``until`` as posted, YYYY-MM-DD).

    Unknown values are passed through, not dropped, so that the rule's validation names the
    problem instead of a different rule being saved.
    """
    if pattern == "once":
        return ""
    if pattern not in ("weekly", "fortnightly", "monthly"):
        return text
    parts = ["FREQ=MONTHLY" if pattern == "monthly" else "FREQ=WEEKLY"]
    if pattern == "fortnightly":
        parts.append("INTERVAL=2")
    if pattern == "monthly":
        parts.append(f"BYDAY={ordinal}{weekday}")
    elif weekdays:
        parts.append("BYDAY=" + ",".join(code for code, _label in WEEKDAYS if code in weekdays))
        parts[-1] += "".join("," + day for day in weekdays if day not in WEEKDAY_CODES)
    until = (until or "").strip()
    if until:
        try:
            parts.append("UNTIL=" + datetime.date.fromisoformat(until).strftime("%Y%m%d"))
        except ValueError:
            parts.append("UNTIL=" + until)  # refused by the rule's validation, with its message
    return "RRULE:" + ";".join(parts)


class RecurrenceWidget(forms.MultiWidget):
    """A rule builder for a text field holding RFC 5545 rule lines.

    Posted data from the builder is turned back into rule text; a plain value under the
    field's own name (an API client, an older form) is taken as the rule text itself.
    """

    template_name = "classroom/widgets/recurrence.html"
    LABELS = (
        _("Repeats"),
        _("On these days (every week or every two weeks)"),
        _("Which week of the month"),
        _("Day of the week (every month)"),
        _("Until (the last possible date, optional)"),
        _("Rule text (another rule)"),
    )

    def __init__(self, attrs=None):
        widgets = {
            "pattern": forms.Select(choices=PATTERNS),
            "weekdays": forms.CheckboxSelectMultiple(choices=WEEKDAYS),
            "ordinal": forms.Select(choices=ORDINALS),
            "weekday": forms.Select(choices=WEEKDAYS),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 2, "spellcheck": "false", "autocapitalize": "characters"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        choices = read_rule(value or "")
        return [
            choices["pattern"],
            choices["weekdays"],
            choices["ordinal"],
            choices["weekday"],
            choices["until"],
            choices["text"],
        ]

    def value_from_datadict(self, data, files, name):
        pattern = data.get(f"{name}_pattern")
        if pattern is None:
            return data.get(name, "")
        weekdays = data.getlist(f"{name}_weekdays") if hasattr(data, "getlist") else data.get(f"{name}_weekdays", [])
        return build_rule(
            pattern,
            list(weekdays or []),
            data.get(f"{name}_ordinal", "1"),
            data.get(f"{name}_weekday", "MO"),
            data.get(f"{name}_until", ""),
            data.get(f"{name}_text", ""),
        )

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_pattern" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.LABELS, strict=True):
            subwidget["label"] = label
        for subwidget, widget in zip(context["widget"]["subwidgets"], self.widgets, strict=True):
            subwidget["grouped"] = isinstance(widget, forms.CheckboxSelectMultiple)
        return context
