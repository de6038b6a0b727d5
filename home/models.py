"""The home page of a community or street-office site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from albums.models import FestivalAlbumPage
from campaigns.models import CampaignPage
from core.i18n import fallback_url, prefer_locale
from core.mixins import HeroImageMixin
from core.models import BasePage
from core.translation import default_locale
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
        campaign = self.current_campaign()
        context["current_campaign"] = campaign
        context["current_campaign_url"] = self.campaign_url(campaign, request)
        return context

    def current_campaign(self) -> CampaignPage | None:
        """The campaign running today, else the next one, in this home's language when it is
        translated, else the source language's (two queries).

        A translated home looks in its own tree and in the source home's tree, since a
        campaign not yet translated lives only there.
        """
        source_locale = default_locale()
        trees = [self.path]
        if self.locale_id != source_locale.pk:
            source = self.get_translation_or_none(source_locale)
            if source is not None:
                trees.append(source.path)
        campaigns = CampaignPage.objects.none()
        for path in trees:
            campaigns |= CampaignPage.objects.filter(path__startswith=path, depth__gt=self.depth)
        candidates = list(campaigns.live().public().current().select_related("locale")[:20])
        if not candidates:
            return None
        first_key = candidates[0].translation_key
        return prefer_locale([c for c in candidates if c.translation_key == first_key], self.locale_id)[0]

    def campaign_url(self, campaign: CampaignPage | None, request) -> str | None:
        """The campaign's own URL, or for a campaign in another language, its URL under this
        home's language prefix (served with the translation notice)."""
        if campaign is None:
            return None
        if campaign.locale_id == self.locale_id:
            return campaign.get_url(request)
        return fallback_url(campaign, self.locale.language_code, request) or campaign.get_url(request)
