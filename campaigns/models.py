"""The yearly publicity campaigns: 民族政策宣传月, 民族团结进步活动月, 民族法治宣传周 and festivals."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.mixins import DateRangeMixin, IntroductionMixin, SectionIndexMixin
from core.models import BasePage


class CampaignQuerySet(PageQuerySet):
    def current(self, today: datetime.date | None = None) -> "CampaignQuerySet":
        """Campaigns running today, then the next ones to start, soonest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date")


class CampaignPage(DateRangeMixin, BasePage):
    """One campaign: its dates, theme, what happened and the results."""

    class Kind(models.TextChoices):
        POLICY_MONTH = "policy-month", _("Ethnic policy publicity month")
        UNITY_MONTH = "unity-month", _("Ethnic unity and progress month")
        LAW_WEEK = "law-week", _("Rule-of-law publicity week")
        FESTIVAL = "festival", _("Festival season")
        OTHER = "other", _("Other campaign")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNITY_MONTH)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    results = RichTextField(_("summary of results"), blank=True, features=RICH_TEXT_FEATURES)

    END_BEFORE_START = _("A campaign cannot end before it starts.")

    objects = PageManager.from_queryset(CampaignQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        *DateRangeMixin.date_range_panels,
        FieldPanel("theme"),
        FieldPanel("body"),
        FieldPanel("results"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("theme"), index.SearchField("body")]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def activities(self):
        """Live events of this campaign in the page's language, soonest first.

        Events point at their campaign with a foreign key whose reverse relation is named
        ``events`` (classroom's EventPage, the layer above): the campaign reads that relation
        and never imports the app. A Mongolian event may still point at the Chinese campaign,
        so events are matched by the campaign's translation key. Empty when no app declares it.
        """
        relation = getattr(type(self), "events", None)
        if relation is None:
            return []
        events = relation.rel.related_model.objects.live().public()
        return events.filter(locale_id=self.locale_id, campaign__translation_key=self.translation_key).order_by(
            "start_date", "pk"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        events = list(self.activities())
        context["coming_events"] = [event for event in events if event.end_date >= today]
        context["past_events"] = [event for event in events if event.end_date < today][::-1]
        return context


class CampaignIndexPage(SectionIndexMixin, IntroductionMixin, BasePage):
    """Lists campaigns, current and coming first, then past ones; a section with its own reviewers."""

    content_panels = [*BasePage.content_panels, *IntroductionMixin.intro_panels]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = CampaignPage.objects.child_of(self).live().public().select_related("social_image")
        today = timezone.localdate()
        context["current_campaigns"] = campaigns.current(today)
        context["past_campaigns"] = campaigns.filter(end_date__lt=today).order_by("-start_date")
        return context
