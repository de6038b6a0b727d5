"""A content app that search and editorial have never heard of: workshops and their index.

It declares what it is through core's contracts only (section index, import target, dated,
byline, importable) and must become a reviewed section, searchable by its date, and
importable, with no list edited in search/ or editorial/.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.api import APIFilter, RenderedHTMLField
from core.blocks import BodyStreamBlock
from core.mixins import BylineMixin, DatedMixin, ImportablePageMixin, ImportTargetMixin, SectionIndexMixin
from core.models import BasePage


class WorkshopPage(DatedMixin, BylineMixin, ImportablePageMixin, BasePage):
    """A heritage workshop, dated, with a byline and a body."""

    body = StreamField(BodyStreamBlock(), blank=True)
    venue = models.CharField(max_length=100, blank=True)
    # An image no rendition name of its page type covers: the API still lists it with its
    # phone sizes, which publishing makes all the same (core.references.referred_ids).
    leaflet = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [*BasePage.content_panels, *DatedMixin.date_panels, FieldPanel("body"), FieldPanel("venue")]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.SearchField("venue")]
    # The content API, declared like the panels: nothing in config/api.py names this app.
    api_fields = [
        *BasePage.api_fields,
        *DatedMixin.date_api_fields,
        *BylineMixin.byline_api_fields,
        APIField("venue"),
        APIField("body_html", serializer=RenderedHTMLField(source="body")),
    ]
    api_listing_fields = [*BasePage.api_listing_fields, "date", "venue", "byline"]
    api_filters = [APIFilter("venue", lambda workshops, value: workshops.filter(venue=value), "A venue.")]
    parent_page_types = ["testapp.WorkshopIndexPage"]
    subpage_types: list[str] = []

    @classmethod
    def from_import(cls, document, *, locale, options):
        return cls(
            title=document.title,
            locale=locale,
            summary=document.summary,
            body=document.body,
            live=False,
            **cls.byline_values(document.byline),
        )


class WorkshopIndexPage(SectionIndexMixin, ImportTargetMixin, BasePage):
    """A community's workshops: a section of its own that Word files import into."""

    import_page_model = WorkshopPage
    subpage_types = ["testapp.WorkshopPage"]
