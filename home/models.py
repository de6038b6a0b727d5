"""The home page of a community or street-office site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from albums.models import FestivalAlbumPage
from campaigns.models import CampaignPage
from core.mixins import HeroImageMixin
from core.models import BasePage
from stories.models import StoryPage

LATEST_STORIES = 6


class HomePage(HeroImageMixin, BasePage):
    """A hero, the latest stories, the current campaign and the latest album of one site and language."""

    hero_text = models.TextField(_("hero text"), blank=True)

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
        stories = StoryPage.objects.live().public().descendant_of(self).newest_first().for_listing()
        context["latest_stories"] = stories[:LATEST_STORIES]
        context["latest_album"] = (
            FestivalAlbumPage.objects.live().public().descendant_of(self).newest_first().for_listing().first()
        )
        context["current_campaign"] = CampaignPage.objects.live().public().descendant_of(self).current().first()
        return context
