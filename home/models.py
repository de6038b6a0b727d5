"""The home page of a community or street-office site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from albums.models import FestivalAlbumPage
from campaigns.models import CampaignPage
from core.i18n import below_in_reader_language, reader_url
from core.mixins import HeroImageMixin
from core.models import BasePage
from stories.models import StoryPage

LATEST_STORIES = 6


class HomePage(HeroImageMixin, BasePage):
    """A hero, the latest stories, the current campaign and the latest album of one site and language."""

    hero_text = models.TextField(_("hero text"), blank=True)
    hero_rendition = "banner"  # home_page.html shows the main image wide (core.renditions)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("hero_text"),
        FieldPanel("hero_image", heading=_("hero image")),  # HeroImageMixin's image, as editors know it
    ]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = below_in_reader_language(StoryPage.objects.live().public(), self, descendants=True)
        context["latest_stories"] = stories.newest_first().for_listing()[:LATEST_STORIES]
        albums = below_in_reader_language(FestivalAlbumPage.objects.live().public(), self, descendants=True)
        context["latest_album"] = albums.newest_first().for_listing().first()
        campaign = self.current_campaign()
        context["current_campaign"] = campaign
        context["current_campaign_url"] = reader_url(campaign, request) if campaign else None
        return context

    def current_campaign(self) -> CampaignPage | None:
        """The campaign running today, else the next one, in this home's language when it is
        translated, else the source language's (core.i18n.below_in_reader_language; one query)."""
        campaigns = below_in_reader_language(CampaignPage.objects.live().public(), self, descendants=True)
        return campaigns.current().first()
