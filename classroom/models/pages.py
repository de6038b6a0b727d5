"""Red Pomegranate Classroom pages: courses with their sessions, one-off events, and the calendar."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from classroom.mixins import ActivityMixin
from classroom.panels import UpcomingSessionsPanel
from core.api import RenderedHTMLField
from core.blocks import RICH_TEXT_FEATURES
from core.mixins import DateRangeMixin, HeroImageMixin, IntroductionMixin, SectionIndexMixin
from core.models import BasePage


class CoursePage(RoutablePageMixin, ActivityMixin, HeroImageMixin, BasePage):
    """A 红石榴课堂 course (calligraphy, policy talks, homework help, heritage workshops) and its sessions."""

    calendar_kind = "course"

    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    teachers = models.CharField(_("teachers"), max_length=200, blank=True)

    override_translatable_fields = ActivityMixin.activity_synchronised_fields

    content_panels = [
        *BasePage.content_panels,
        *HeroImageMixin.hero_panels,
        FieldPanel("description"),
        FieldPanel("teachers"),
        *ActivityMixin.activity_panels,
        InlinePanel("schedule_rules", heading=_("Schedule"), label=_("schedule rule"), min_num=1),
        InlinePanel("schedule_exceptions", heading=_("Changes to single sessions"), label=_("change")),
        UpcomingSessionsPanel(),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("teachers"),
        *ActivityMixin.activity_search_fields,
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("description_html", serializer=RenderedHTMLField(source="description")),
        APIField("teachers"),
        *ActivityMixin.activity_api_fields,
    ]
    api_listing_fields = [*BasePage.api_listing_fields, "teachers", "place", "venue"]

    parent_page_types = ["classroom.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from classroom.calendar import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request))
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        from classroom.ical import course_feed_response

        return course_feed_response(self, request)


class EventPage(RoutablePageMixin, DateRangeMixin, ActivityMixin, HeroImageMixin, BasePage):
    """A one-off event (a festival performance, a policy talk, a Naadam gathering); with a
    campaign set, it is one of that campaign's activities and is listed on the campaign page."""

    calendar_kind = "event"

    start_time = models.TimeField(_("starts at"), null=True, blank=True, help_text=_("Empty for an all-day event."))
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    # CampaignPage lists its events through this reverse relation (``campaign.events``), so
    # campaigns never import classroom (docs/architecture.md).
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Set it when the event is an activity of a publicity campaign."),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)

    # The campaign stays the Chinese one in a translation: CampaignPage.activities() matches by
    # translation key, so a Mongolian event shows on the Mongolian campaign page too.
    override_translatable_fields = [
        *ActivityMixin.activity_synchronised_fields,
        SynchronizedField("cancelled"),
        SynchronizedField("campaign"),
    ]

    content_panels = [
        *BasePage.content_panels,
        *DateRangeMixin.date_range_panels,
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("cancelled"),
        *HeroImageMixin.hero_panels,
        FieldPanel("description"),
        FieldPanel("campaign"),
        *ActivityMixin.activity_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.FilterField("start_date"),
        *ActivityMixin.activity_search_fields,
    ]
    api_fields = [
        *BasePage.api_fields,
        *DateRangeMixin.date_range_api_fields,
        APIField("start_time"),
        APIField("end_time"),
        APIField("cancelled"),
        APIField("campaign_id"),
        APIField("description_html", serializer=RenderedHTMLField(source="description")),
        *ActivityMixin.activity_api_fields,
    ]
    api_listing_fields = [*BasePage.api_listing_fields, "start_date", "end_date", "start_time", "place", "venue"]

    parent_page_types = ["classroom.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @property
    def kind(self) -> str:
        """ "campaign" for a campaign's activity, else "event": the calendar's kind filter."""
        return "campaign" if self.campaign_id else "event"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.start_date == self.end_date and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("An event must end after it starts.")})

    def start_end(self) -> tuple[datetime.datetime | datetime.date, datetime.datetime | datetime.date]:
        """Naive local start and end: datetimes with times set, else dates (end exclusive)."""
        if self.start_time:
            start = datetime.datetime.combine(self.start_date, self.start_time)
            end_time = self.end_time or (start + datetime.timedelta(hours=1)).time()
            end = datetime.datetime.combine(self.end_date, end_time)
            return start, max(end, start + datetime.timedelta(minutes=1))
        return self.start_date, self.end_date + datetime.timedelta(days=1)

    def get_context(self, request, *args, **kwargs):
        from classroom.calendar import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        from classroom.ical import event_feed_response

        return event_feed_response(self, request)


class EventIndexPage(RoutablePageMixin, SectionIndexMixin, IntroductionMixin, BasePage):
    """The calendar residents filter and subscribe to (/events/); a section with its own reviewers."""

    content_panels = [*BasePage.content_panels, *IntroductionMixin.intro_panels]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["classroom.CoursePage", "classroom.EventPage"]

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")

    @path("", name="calendar")
    def calendar(self, request):
        from classroom.calendar import CalendarRequestError, calendar_context

        try:
            context = calendar_context(self, request)
        except CalendarRequestError as error:
            response = self.render(request, context_overrides=error.context())
            response.status_code = 400
            return response
        return self.render(request, context_overrides=context)

    @path("ical/", name="ical")
    def ical(self, request):
        from classroom.ical import calendar_feed_response

        return calendar_feed_response(self, request)
