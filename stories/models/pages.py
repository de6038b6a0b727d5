"""Story pages and the index that lists, filters and syndicates them."""

import datetime

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.api import APIFilter, RenderedHTMLField, SnippetField, integer_value
from core.blocks import BodyStreamBlock
from core.i18n import below_in_reader_language
from core.mixins import (
    BylineMixin,
    DatedMixin,
    HeroImageMixin,
    ImportablePageMixin,
    ImportTargetMixin,
    IntroductionMixin,
    SectionIndexMixin,
)
from core.models import BasePage
from core.page_cache import current_generation
from core.params import page_number
from core.serving import SharedRestrictionsPageQuerySet
from stories.feeds import StoryAtomFeed, StoryRssFeed
from stories.forms import StoryFilterForm

from .taxonomy import Place

STORIES_PER_PAGE = 12
RELATED_STORIES = 3


class StoryQuerySet(SharedRestrictionsPageQuerySet):
    def for_listing(self) -> "StoryQuerySet":
        """Everything a story card shows, fetched in a fixed number of queries."""
        return self.select_related("hero_image", "place", "locale").prefetch_related(
            "hero_image__renditions", "themes", "ethnic_groups"
        )

    def for_cards(self) -> "StoryQuerySet":
        """What a story card shows (components/story_card.html: image, place, language), in a
        fixed number of queries; the listing's themes and groups are left out."""
        return self.select_related("hero_image", "place", "locale").prefetch_related("hero_image__renditions")

    def newest_first(self) -> "StoryQuerySet":
        return self.order_by("-date", "-pk")

    def filtered(self, *, theme: str = "", place_keys=None, group: str = "", year: int | None = None):
        """Stories matching the index filters; themes and groups match across translations.

        Themes and groups are matched by subqueries, not joins, so no DISTINCT is needed (with
        an OFFSET it made the last page of thousands of stories six times slower); a year is
        a date range the index on ``date`` serves, not a per-row date function.
        """
        stories = self
        if theme:
            stories = stories.filter(
                pk__in=StoryPage.themes.through.objects.filter(theme__slug=theme).values("storypage_id")
            )
        if place_keys is not None:
            stories = stories.filter(place__translation_key__in=place_keys)
        if group:
            stories = stories.filter(
                pk__in=StoryPage.ethnic_groups.through.objects.filter(ethnicgroup__code=group).values("storypage_id")
            )
        if year:
            stories = stories.filter(date__gte=datetime.date(year, 1, 1), date__lt=datetime.date(year + 1, 1, 1))
        return stories


StoryManager = PageManager.from_queryset(StoryQuerySet)


def filter_by_place(stories: StoryQuerySet, value: str) -> StoryQuerySet:
    """Stories of the place with id ``value`` or of any place below it, in any language."""
    place = Place.objects.filter(pk=integer_value("place", value)).first()
    if place is None:
        return stories.none()
    return stories.filtered(place_keys=Place.objects.subtree_translation_keys(place))


class StoryPage(DatedMixin, HeroImageMixin, BylineMixin, ImportablePageMixin, BasePage):
    """An ethnic-unity story: a community's practice told as an article, with its figures."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    place = models.ForeignKey(
        "stories.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    ethnic_groups = ParentalManyToManyField("stories.EthnicGroup", verbose_name=_("ethnic groups"), blank=True)
    themes = ParentalManyToManyField("stories.Theme", verbose_name=_("themes"), blank=True)

    objects = StoryManager()

    # wagtail-localize leaves many-to-many fields alone: declared synchronised, a translation
    # keeps the source's themes and groups (the Chinese snippets; templates show them
    # |localized) whenever it is updated, not only when it is first created.
    override_translatable_fields = [
        SynchronizedField("themes", overridable=False),
        SynchronizedField("ethnic_groups", overridable=False),
    ]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date", heading=_("publication date")),  # DatedMixin's date, named as editors know it
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("ethnic_groups"), FieldPanel("themes")],
            heading=_("Filed under"),
        ),
        *BylineMixin.byline_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("place", [index.SearchField("name")]),
        index.RelatedFields("ethnic_groups", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    api_fields = [
        *BasePage.api_fields,
        *DatedMixin.date_api_fields,
        APIField("place", serializer=SnippetField(("id", "name", "level"))),
        APIField("themes", serializer=SnippetField(("slug", "name"), many=True)),
        APIField("ethnic_groups", serializer=SnippetField(("code", "name"), many=True)),
        *BylineMixin.byline_api_fields,
        APIField("body"),
        APIField("body_html", serializer=RenderedHTMLField(source="body")),
    ]
    api_listing_fields = [*BasePage.api_listing_fields, "date", "place", "themes", "ethnic_groups", "byline"]
    api_filters = [
        APIFilter("place", filter_by_place, "A place id: stories of that place and of every place below it."),
        APIFilter("theme", lambda stories, value: stories.filtered(theme=value), "A theme's slug (gongju)."),
        APIFilter(
            "ethnic_group",
            lambda stories, value: stories.filtered(group=value),
            "An ethnic group's two-digit GB/T 3304 code (02 for Mongol).",
        ),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @classmethod
    def import_option_fields(cls, locale) -> dict:
        """The import upload asks which place the imported stories are about."""
        return {"place": forms.ModelChoiceField(Place.objects.filter(locale=locale), label=_("Place"), required=False)}

    @classmethod
    def from_import(cls, document, *, locale, options) -> "StoryPage":
        """A draft story from an imported document: title, summary, body, byline, main image, place."""
        return cls(
            title=document.title,
            locale=locale,
            summary=document.summary,
            body=document.body,
            hero_image=document.main_image,
            place=options.get("place"),
            live=False,
            **cls.byline_values(document.byline),
        )

    def related_stories(self, limit: int = RELATED_STORIES):
        """Live stories in this language from the same place or sharing a theme, newest first."""
        # Subqueries, not look-ups of their own: the story page's query count stays fixed.
        themes = self.themes.all()  # in memory (a preview, a page just edited) or a queryset
        slugs = themes.values("slug") if isinstance(themes, QuerySet) else [theme.slug for theme in themes]
        match = Q(themes__slug__in=slugs)
        if self.place_id:
            match |= Q(place__translation_key__in=Place.objects.filter(pk=self.place_id).values("translation_key"))
        related_ids = (
            StoryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .filter(match)
            .exclude(pk=self.pk)
            .values("pk")
        )
        return StoryPage.objects.filter(pk__in=related_ids).newest_first().for_cards()[:limit]

    @cached_property
    def place_ancestry(self) -> list[Place]:
        """The story's place and the places above it, outermost first (one query; none without a place)."""
        if not self.place_id:
            return []
        return Place.objects.ancestry_of(self.place_id)

    def hero_in_body(self) -> bool:
        """True when the main image is also a photo in the body (an import's first photo, say).

        The page then shows it once, where the author put it. Reads the body's raw data: no query.
        """
        if not self.hero_image_id:
            return False
        return any(
            block.get("type") == "image"
            and isinstance(block.get("value"), dict)
            and block["value"].get("image") == self.hero_image_id
            for block in self.body.raw_data
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_stories"] = self.related_stories()
        context["show_hero"] = bool(self.hero_image_id) and not self.hero_in_body()
        return context


class StoryIndexPage(RoutablePageMixin, SectionIndexMixin, ImportTargetMixin, IntroductionMixin, BasePage):
    """Lists a section's stories with filters by theme, place, ethnic group and year, and feeds.

    Each story index is a section with its own reviewers, and Word files import into it as stories.
    """

    import_page_model = StoryPage

    content_panels = [*BasePage.content_panels, *IntroductionMixin.intro_panels]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]

    class Meta:
        verbose_name = _("story index")
        verbose_name_plural = _("story indexes")

    def stories(self) -> StoryQuerySet:
        """The live, public stories this index lists in its language, newest first.

        The site's story list (see :meth:`lists_whole_site`) lists every story of its site,
        those of community sections included; a community section lists its own. A translated
        index lists the source's stories not yet translated too (core.i18n).
        """
        stories = StoryPage.objects.live().public()
        if self.lists_whole_site:
            return below_in_reader_language(stories, self.get_parent(), descendants=True).newest_first()
        return below_in_reader_language(stories, self).newest_first()

    @cached_property
    def lists_whole_site(self) -> bool:
        """Whether this is the site's story list: the first story index under its parent (the
        home page), in the order editors give them; the others are community sections."""
        first = StoryIndexPage.objects.sibling_of(self).order_by("path").values_list("pk", flat=True).first()
        return first == self.pk

    def filter_form(self, request):
        return StoryFilterForm(request.GET or None, locale=self.locale, years=self._years(), stories=self.stories())

    def _years(self) -> list[int]:
        """The years that have stories, newest first; kept in the cache until a page changes
        (core.page_cache's generation), not computed with a date function over every row."""
        key = f"shiliu:story-years:{self.pk}:{current_generation()}"
        years = cache.get(key)
        if years is None:
            years = [d.year for d in self.stories().dates("date", "year", order="DESC")]
            cache.set(key, years, 3600)
        return years

    def filtered_stories(self, form) -> StoryQuerySet:
        """Stories matching the form's valid filters; an unrecognised value is ignored, not fatal."""
        stories = self.stories()
        if form.is_bound:
            form.is_valid()
            stories = stories.filtered(**form.story_filters())
        return stories

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = self.filter_form(request)
        paginator = Paginator(self.filtered_stories(form).for_listing(), STORIES_PER_PAGE)
        # A page past the end shows the last page; anything that is not a page number, the first.
        stories = paginator.page(min(page_number(request.GET), paginator.num_pages))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=form, stories=stories, paginator=paginator, filter_query=query.urlencode())
        return context

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return StoryRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return StoryAtomFeed(self)(request)

    def latest_update(self):
        """When the newest story was last published, for feeds."""
        latest = self.stories().order_by("-last_published_at").values_list("last_published_at", flat=True).first()
        return latest or timezone.now()
