"""The yearly publicity campaigns: 民族政策宣传月, 民族团结进步活动月, 民族法治宣传周 and festivals."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.api import APIFilter, RenderedHTMLField
from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock, FiguresBlock
from core.i18n import below_in_reader_language, in_reader_language, prefer_locale
from core.mixins import DateRangeMixin, IntroductionMixin, SectionIndexMixin
from core.models import BasePage
from core.translation import default_locale

from .blocks import PartnersStreamBlock

GOALS_FEATURES = ["bold", "ol", "ul", "link"]
#: Stories are chosen by their page type's name: campaigns sit beside stories and never import it.
STORY_PAGE_TYPE = "stories.StoryPage"
MAX_RELATED_STORIES = 12


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
    slogan = models.CharField(_("slogan"), max_length=200, blank=True)
    goals = RichTextField(
        _("goals"), blank=True, features=GOALS_FEATURES, help_text=_("What the campaign sets out to do, as a list.")
    )
    partners = StreamField(PartnersStreamBlock(), verbose_name=_("partner organisations"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    related_stories = StreamField(
        [
            (
                "story",
                blocks.PageChooserBlock(
                    page_type=STORY_PAGE_TYPE,
                    label=_("Story"),
                    icon="doc-full",
                    template="components/blocks/related_story_block.html",
                    preview_value=None,
                ),
            )
        ],
        verbose_name=_("related stories"),
        blank=True,
        max_num=MAX_RELATED_STORIES,
        help_text=_("Stories about this campaign; a translated page shows their translations where they exist."),
    )
    results = RichTextField(
        _("summary of results"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Filled in after the campaign; shown once it is written."),
    )
    result_figures = StreamField(
        [("figures", FiguresBlock())],
        verbose_name=_("results in figures"),
        blank=True,
        max_num=1,
        help_text=_("Activities held, people reached: filled in after the campaign."),
    )

    END_BEFORE_START = _("A campaign cannot end before it starts.")

    objects = PageManager.from_queryset(CampaignQuerySet)()

    # A translation keeps the source's chosen stories; the page shows each story's translation
    # in the reader's language where one is live (see :meth:`stories`).
    override_translatable_fields = [SynchronizedField("related_stories", overridable=False)]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        *DateRangeMixin.date_range_panels,
        FieldPanel("theme"),
        FieldPanel("slogan"),
        FieldPanel("goals"),
        FieldPanel("partners"),
        FieldPanel("body"),
        FieldPanel("related_stories"),
        MultiFieldPanel([FieldPanel("results"), FieldPanel("result_figures")], heading=_("Results")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("theme"),
        index.SearchField("slogan"),
        index.SearchField("goals"),
        index.SearchField("body"),
    ]
    api_fields = [
        *BasePage.api_fields,
        *DateRangeMixin.date_range_api_fields,
        APIField("kind"),
        APIField("theme"),
        APIField("slogan"),
        APIField("goals_html", serializer=RenderedHTMLField(source="goals")),
        APIField("partners"),
        APIField("body"),
        APIField("body_html", serializer=RenderedHTMLField(source="body")),
        APIField("results_html", serializer=RenderedHTMLField(source="results")),
        APIField("result_figures"),
    ]
    api_listing_fields = [*BasePage.api_listing_fields, "start_date", "end_date", "kind", "theme"]
    api_filters = [
        APIFilter(
            "kind",
            lambda campaigns, value: campaigns.filter(kind=value),
            "policy-month, unity-month, law-week, festival or other.",
        )
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def activities(self):
        """Live events of this campaign, soonest first, each in the page's language where
        translated, else in the source language (core.i18n.in_reader_language).

        Events point at their campaign with a foreign key whose reverse relation is named
        ``events`` (classroom's EventPage, the layer above): the campaign reads that relation
        and never imports the app. A Mongolian event may still point at the Chinese campaign,
        so events are matched by the campaign's translation key. Empty when no app declares it.
        """
        relation = getattr(type(self), "events", None)
        if relation is None:
            return []
        events = relation.rel.related_model.objects.live().public()
        events = events.filter(campaign__translation_key=self.translation_key)
        return in_reader_language(events, self.locale_id).order_by("start_date", "pk")

    def stories(self) -> list[Page]:
        """The chosen stories that are live and public, in the editors' order, each in the
        page's language where a translation is live, else in the source language.

        The story type is read from the chosen pages' content type, and its queryset's
        ``for_listing()`` (when it has one) fetches what a card shows: three queries plus
        that method's prefetches, however many stories are chosen.
        """
        # The raw data holds the chosen ids: no query to load pages only to read their keys.
        chosen_ids = [
            block["value"]
            for block in self.related_stories.raw_data
            if block.get("type") == "story" and isinstance(block.get("value"), int)
        ]
        if not chosen_ids:
            return []
        rows = Page.objects.filter(pk__in=chosen_ids).values_list("pk", "translation_key", "content_type_id")
        keys = {pk: (key, content_type_id) for pk, key, content_type_id in rows}
        if not keys:
            return []
        order = {}
        for pk in chosen_ids:
            if pk in keys:
                order.setdefault(keys[pk][0], len(order))
        model = ContentType.objects.get_for_id(next(iter(keys.values()))[1]).model_class()
        stories = (
            model.objects.live()
            .public()
            .filter(translation_key__in=list(order), locale_id__in={self.locale_id, default_locale().pk})
        )
        if hasattr(stories, "for_listing"):
            stories = stories.for_listing()
        return sorted(prefer_locale(stories, self.locale_id), key=lambda story: order[story.translation_key])

    def materials(self) -> list[Page]:
        """Live, public materials linked to this campaign, by title, each in the page's language
        where translated, else the source's; an empty list when no app declares them.

        Materials point at a related page with a foreign key whose reverse relation is named
        ``related_materials`` (materials' MaterialPage, a layer above): read by name, never imported.
        """
        relation = getattr(type(self), "related_materials", None)
        if relation is None:
            return []
        model = relation.rel.related_model
        materials = (
            model.objects.live()
            .public()
            .filter(
                related_page__translation_key=self.translation_key,
                locale_id__in={self.locale_id, default_locale().pk},
            )
        )
        if hasattr(materials, "for_listing"):
            materials = materials.for_listing()
        return prefer_locale(materials.order_by("title", "pk"), self.locale_id)

    def has_results(self) -> bool:
        """True once the results are filled in: a summary or figures."""
        return bool(self.results) or bool(self.result_figures)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        events = list(self.activities())
        context["coming_events"] = [event for event in events if event.end_date >= today]
        context["past_events"] = [event for event in events if event.end_date < today][::-1]
        context["stories"] = self.stories()
        context["materials"] = self.materials()
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
        campaigns = below_in_reader_language(CampaignPage.objects.live().public(), self).select_related("social_image")
        today = timezone.localdate()
        context["current_campaigns"] = campaigns.current(today)
        context["past_campaigns"] = campaigns.filter(end_date__lt=today).order_by("-start_date")
        return context
