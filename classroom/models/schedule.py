"""When a course meets: schedule rules (one-off dates or RFC 5545 rules) and their exceptions."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from classroom import recurrence
from classroom.widgets import RecurrenceWidget

BUILDER_HELP = _(
    "Choose how the sessions repeat after the first date. The next ten sessions are listed "
    "below the schedule after you save: check them before publishing."
)
RULE_HELP = _(
    "Leave empty for a single session on the first date. To repeat, write an RFC 5545 rule, for example "
    "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630 (Tuesdays and Thursdays until 30 June), "
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA (every other Saturday) or FREQ=MONTHLY;BYDAY=2SA "
    "(the second Saturday of each month). Days: MO TU WE TH FR SA SU. "
    "The next ten sessions are listed below the schedule after you save."
)


class ScheduleRule(Orderable):
    """One pattern of sessions of a course: a single date, or a rule repeating from that date."""

    page = ParentalKey("classroom.CoursePage", on_delete=models.CASCADE, related_name="schedule_rules")
    #: Stays the same when the rule is edited, so calendar apps update the sessions they have.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    start_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    rrule = models.TextField(_("repeats"), blank=True, help_text=RULE_HELP)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("rrule", widget=RecurrenceWidget, help_text=BUILDER_HELP),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("schedule rule")
        verbose_name_plural = _("schedule rules")

    def __str__(self) -> str:
        return f"{self.start_date} {self.start_time} {self.rrule}".strip()

    @property
    def dtstart(self) -> datetime.datetime:
        """The first session's naive Asia/Shanghai start."""
        return datetime.datetime.combine(self.start_date, self.start_time)

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.datetime.combine(self.start_date, self.end_time) - self.dtstart

    def clean(self):
        super().clean()
        self.rrule = recurrence.normalise_rule_text(self.rrule)
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A session must end after it starts.")})
        if self.start_date and self.start_time:
            try:
                recurrence.validate_rule(self.rrule, self.dtstart)
            except recurrence.RuleError as error:
                raise ValidationError({"rrule": str(error)}) from error


class ScheduleException(TranslatableMixin, Orderable):
    """A change to one session: cancelled, moved to another date or time, or run differently.

    Translatable like its course (wagtail-localize's translatable inline models): the venue,
    teacher and note are offered to translators; the dates, times and action are copied.
    """

    translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("action"),
        SynchronizedField("new_date"),
        SynchronizedField("new_start_time"),
        SynchronizedField("new_end_time"),
        TranslatableField("venue"),
        TranslatableField("teacher"),
        TranslatableField("note"),
    ]

    class Action(models.TextChoices):
        CANCEL = "cancel", _("Cancelled")
        MOVE = "move", _("Moved")
        CHANGE = "change", _("Changed (time, venue or teacher)")

    page = ParentalKey("classroom.CoursePage", on_delete=models.CASCADE, related_name="schedule_exceptions")
    date = models.DateField(_("date of the session"), help_text=_("The date the session was planned for."))
    action = models.CharField(_("what changes"), max_length=10, choices=Action.choices, default=Action.CANCEL)
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end"), null=True, blank=True)
    venue = models.CharField(_("venue this time"), max_length=200, blank=True)
    teacher = models.CharField(_("teacher this time"), max_length=200, blank=True)
    note = models.CharField(_("note for residents"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("action")]),
        FieldRowPanel([FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("teacher")]),
        FieldPanel("note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")

    def __str__(self) -> str:
        return f"{self.date} {self.get_action_display()}"

    def clean(self):
        super().clean()
        if self.action == self.Action.MOVE and not (self.new_date or self.new_start_time):
            raise ValidationError({"new_date": _("Give the new date or the new time of a moved session.")})
        if self.new_start_time and self.new_end_time and self.new_end_time <= self.new_start_time:
            raise ValidationError({"new_end_time": _("A session must end after it starts.")})
